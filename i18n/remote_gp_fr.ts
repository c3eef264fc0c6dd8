<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../bridge/survey.py" line="30"/>
        <source>Testing {connection}</source>
        <translation>Test de {connection}</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="82"/>
        <source>Job id</source>
        <translation>Identifiant du job</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="106"/>
        <source>{task} on {connection}: {url}</source>
        <translation>{task} sur {connection} : {url}</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="130"/>
        <source>Job {id} submitted.</source>
        <translation>Job {id} soumis.</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="144"/>
        <source>Job {id}: cancel sent to the server; the job is {status}.</source>
        <translation>Job {id} : annulation envoyée au serveur ; état du job : {status}.</translation>
    </message>
    <message>
        <location filename="../bridge/feature_geometry.py" line="63"/>
        <source>Feature {id} of &apos;{layer}&apos; has a geometry that cannot be read ({problem}).</source>
        <translation>L'entité {id} de « {layer} » a une géométrie illisible ({problem}).</translation>
    </message>
    <message>
        <location filename="../bridge/feature_geometry.py" line="76"/>
        <source>Feature {id} of &apos;{layer}&apos; is a multipoint of {count} points, but this input takes single points.</source>
        <translation>L'entité {id} de « {layer} » est un multipoint de {count} points, mais cette entrée n'accepte que des points simples.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="132"/>
        <source>&apos;{layer}&apos; has no geometries, but this input takes {kind}s.</source>
        <translation>« {layer} » n'a pas de géométrie, mais cette entrée attend des géométries de type {kind}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="134"/>
        <source>&apos;{layer}&apos; holds {type} geometries, but this input takes {kind}s.</source>
        <translation>« {layer} » contient des géométries {type}, mais cette entrée attend des géométries de type {kind}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="145"/>
        <source>&apos;{layer}&apos; has no known coordinate reference system: set the layer&apos;s CRS, then run the tool again.</source>
        <translation>« {layer} » n'a pas de système de coordonnées de référence (SCR) connu : définissez le SCR de la couche, puis relancez l'outil.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="147"/>
        <source>&apos;{layer}&apos; has no known coordinate reference system: its coordinates are sent as they are, in the task&apos;s {reference}.</source>
        <translation>« {layer} » n'a pas de système de coordonnées de référence connu : ses coordonnées sont envoyées telles quelles, comme si elles étaient dans le système de la tâche, {reference}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="152"/>
        <source>QGIS does not know the task&apos;s spatial reference ({reference}): &apos;{layer}&apos; is sent in its own, {own}.</source>
        <translation>QGIS ne connaît pas la référence spatiale de la tâche ({reference}) : « {layer} » est envoyée dans sa propre référence spatiale, {own}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="199"/>
        <source>It is left out.</source>
        <translation>Elle est ignorée.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="209"/>
        <source>Feature {id} of &apos;{layer}&apos; cannot be transformed to the task&apos;s coordinate reference system ({error}).</source>
        <translation>L'entité {id} de « {layer} » ne peut pas être transformée dans le système de coordonnées de référence de la tâche ({error}).</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="233"/>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="234"/>
        <source>Feature ({id}) of &apos;{layer}&apos; has an invalid geometry: {reason}. Fix it (Fix Geometries), or set Processing to ignore invalid features.</source>
        <translation>L'entité {id} de « {layer} » a une géométrie invalide : {reason}. Réparez-la (Réparer les géométries) ou configurez les traitements pour ignorer les entités invalides.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="244"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="285"/>
        <source>The features could not be written: {error}</source>
        <translation>Les entités n'ont pas pu être écrites : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="308"/>
        <source>Feature {number}: a value cannot be written to the layer ({error}).</source>
        <translation>Entité {number} : une valeur ne peut pas être écrite dans la couche ({error}).</translation>
    </message>
    <message>
        <location filename="../bridge/jobtask.py" line="34"/>
        <source>{task} (job {id})</source>
        <translation>{task} (job {id})</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="131"/>
        <source>{label} (unit)</source>
        <translation>{label} (unité)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="146"/>
        <source>{label} (separate values with ;)</source>
        <translation>{label} (séparer les valeurs par ;)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="186"/>
        <source>Accepted files ({patterns})</source>
        <translation>Fichiers acceptés ({patterns})</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="188"/>
        <source>All files (*.*)</source>
        <translation>Tous les fichiers (*.*)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="277"/>
        <source>{label}: &apos;{layer}&apos; is not a raster file on this computer; the service needs a file it can upload (save the layer as a GeoTIFF first).</source>
        <translation>{label} : « {layer} » n'est pas un fichier raster sur cet ordinateur ; le service a besoin d'un fichier à téléverser (enregistrez d'abord la couche en GeoTIFF).</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="74"/>
        <source>Refreshing Remote GP connections</source>
        <translation>Actualisation des connexions Remote GP</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="84"/>
        <source>{connection}: {name} left out: {error}</source>
        <translation>{connection} : {name} ignoré : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="91"/>
        <source>{connection} could not be refreshed; its cached algorithms stay: {error}</source>
        <translation>La connexion {connection} n'a pas pu être actualisée ; ses algorithmes en cache sont conservés : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="94"/>
        <source>{connection} could not be refreshed ({error}); its cached algorithms stay.</source>
        <translation>La connexion {connection} n'a pas pu être actualisée ({error}) ; ses algorithmes en cache sont conservés.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="61"/>
        <source>{label}: the server sent a picture of the output, not its data.</source>
        <translation>{label} : le serveur a envoyé une image de la sortie, et non ses données.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="69"/>
        <source>{label}: the server gave no coordinate reference system QGIS knows ({reference}); the layer has none.</source>
        <translation>{label} : le serveur n'a indiqué aucun système de coordonnées de référence connu de QGIS ({reference}) ; la couche n'en a pas.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="69"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="90"/>
        <source>{label}: could not write {path}.</source>
        <translation>{label} : impossible d'écrire {path}.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="120"/>
        <source>{label}: QGIS cannot open the service {url}.</source>
        <translation>{label} : QGIS ne peut pas ouvrir le service {url}.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="136"/>
        <source>{task} (map image)</source>
        <translation>{task} (image de carte)</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="38"/>
        <source>Remote GP (ArcGIS geoprocessing services)</source>
        <translation>Remote GP (services de géotraitement ArcGIS)</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="89"/>
        <source>{connection}: {count} task(s).</source>
        <translation>{connection} : {count} tâche(s).</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="78"/>
        <source>{label}: {count} feature(s).</source>
        <translation>{label} : {count} entité(s).</translation>
    </message>
</context>
<context>
    <name>AddConnection</name>
    <message>
        <location filename="../plugin.py" line="115"/>
        <source>Add GP Connection…</source>
        <translation>Ajouter une connexion GP…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="115"/>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
</context>
<context>
    <name>ConnectionEditor</name>
    <message>
        <location filename="../ui/connection_dialog.py" line="67"/>
        <source>GP Server Connection</source>
        <translation>Connexion à un serveur GP</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="71"/>
        <source>Any address of the server: its context root (https://host/arcgis), its REST services directory, or a GP service on it.</source>
        <translation>N'importe quelle adresse du serveur : sa racine de contexte (https://host/arcgis), son répertoire des services REST ou l'un de ses services GP.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="76"/>
        <source>Test Connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="79"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="80"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="99"/>
        <source>Give the connection a name.</source>
        <translation>Donnez un nom à la connexion.</translation>
    </message>
</context>
<context>
    <name>ConnectionTester</name>
    <message>
        <location filename="../ui/connection_dialog.py" line="36"/>
        <source>Testing {}…</source>
        <translation>Test de {}…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="46"/>
        <source>Failed: {}</source>
        <translation>Échec : {}</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="48"/>
        <source>of unknown version</source>
        <translation>de version inconnue</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="49"/>
        <source>Connected to ArcGIS Server {version}: {services} GP service(s), {tasks} task(s).</source>
        <translation>Connecté à ArcGIS Server {version} : {services} service(s) GP, {tasks} tâche(s).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="52"/>
        <source>Signed in as {}.</source>
        <translation>Identifié en tant que {}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="54"/>
        <source>Authentication: {} (applied by QGIS).</source>
        <translation>Authentification : {} (appliquée par QGIS).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="56"/>
        <source>No sign-in (anonymous).</source>
        <translation>Sans identification (anonyme).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="58"/>
        <source>Not readable (a sign-in may be needed): {}.</source>
        <translation>Non lisible(s) (une identification est peut-être nécessaire) : {}.</translation>
    </message>
</context>
<context>
    <name>ConnectionsDialog</name>
    <message>
        <location filename="../ui/connection_dialog.py" line="129"/>
        <source>Remote GP Connections</source>
        <translation>Connexions Remote GP</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="133"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="133"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="133"/>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>New…</source>
        <translation>Nouvelle…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Import from QGIS</source>
        <translation>Importer depuis QGIS</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="145"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="170"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="209"/>
        <source>Remove Connection</source>
        <translation>Supprimer la connexion</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="209"/>
        <source>Remove the connection &apos;{}&apos;?</source>
        <translation>Supprimer la connexion « {} » ?</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="222"/>
        <source>QGIS has no ArcGIS REST server connections to import.</source>
        <translation>QGIS n'a aucune connexion à un serveur ArcGIS REST à importer.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="225"/>
        <source>Import Connections</source>
        <translation>Importer des connexions</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="237"/>
        <source>Remote GP connections (*.json)</source>
        <translation>Connexions Remote GP (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="234"/>
        <source>The file holds no connections.</source>
        <translation>Le fichier ne contient aucune connexion.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="237"/>
        <source>Export Connections</source>
        <translation>Exporter les connexions</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="243"/>
        <source>{count} connection(s) exported to {path} (names, URLs and authentication configuration ids; no passwords or tokens).</source>
        <translation>{count} connexion(s) exportée(s) vers {path} (noms, URL et identifiants des configurations d'authentification ; ni mots de passe ni tokens).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="261"/>
        <source>{added} connection(s) imported; {skipped} already there or unusable.</source>
        <translation>{added} connexion(s) importée(s) ; {skipped} déjà présente(s) ou inutilisable(s).</translation>
    </message>
</context>
<context>
    <name>ManageConnections</name>
    <message>
        <location filename="../plugin.py" line="124"/>
        <source>GP Connections…</source>
        <translation>Connexions GP…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="124"/>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
</context>
<context>
    <name>Refresh</name>
    <message>
        <location filename="../plugin.py" line="131"/>
        <source>Refresh GP Connections</source>
        <translation>Actualiser les connexions GP</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="131"/>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
</context>
<context>
    <name>RemoteGp</name>
    <message>
        <location filename="../bridge/dependencies.py" line="32"/>
        <source>Remote GP needs Python packages this QGIS does not have: {}. Install them for QGIS&apos;s Python, then restart QGIS: on Linux or macOS run  python3 -m pip install --user &quot;shapely&gt;=2&quot; pyshp ; on Windows, in the OSGeo4W Shell, run  python -m pip install &quot;shapely&gt;=2&quot; pyshp</source>
        <translation>Remote GP a besoin de paquets Python qui manquent à ce QGIS : {}. Installez-les pour le Python de QGIS, puis redémarrez QGIS : sous Linux ou macOS, exécutez  python3 -m pip install --user &quot;shapely&gt;=2&quot; pyshp ; sous Windows, dans l'OSGeo4W Shell, exécutez  python -m pip install &quot;shapely&gt;=2&quot; pyshp</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="39"/>
        <source>Loading the results of job {}</source>
        <translation>Chargement des résultats du job {}</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="53"/>
        <source>The server no longer keeps job {job} or its results (servers purge them after a while): {error}</source>
        <translation>Le serveur ne conserve plus le job {job} ni ses résultats (les serveurs les purgent au bout d'un certain temps) : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="68"/>
        <source>{output}: QGIS cannot open {source}.</source>
        <translation>{output} : QGIS ne peut pas ouvrir {source}.</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="76"/>
        <source>Job {job} is {status} on the server now: it has no results to load.</source>
        <translation>Le job {job} est désormais à l'état {status} sur le serveur : il n'a aucun résultat à charger.</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="94"/>
        <source>{output}: saved as {path}</source>
        <translation>{output} : enregistré sous {path}</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="97"/>
        <source>{output}: the server sent a picture of the output, not its data.</source>
        <translation>{output} : le serveur a envoyé une image de la sortie, et non ses données.</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="80"/>
        <source>New Connection…</source>
        <translation>Nouvelle connexion…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="90"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="83"/>
        <source>Edit Connection…</source>
        <translation>Modifier la connexion…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="131"/>
        <source>Remove Connection</source>
        <translation>Supprimer la connexion</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="89"/>
        <source>Open Service Page</source>
        <translation>Ouvrir la page du service</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="92"/>
        <source>Open Task Page</source>
        <translation>Ouvrir la page de la tâche</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="93"/>
        <source>Run…</source>
        <translation>Exécuter…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="104"/>
        <source>{task} is not among the Processing algorithms yet: refreshing the connection {connection} first.</source>
        <translation>La tâche {task} ne figure pas encore parmi les algorithmes de traitement : actualisation préalable de la connexion {connection}.</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="163"/>
        <source>{task} could not be read from its server: see the Remote GP log.</source>
        <translation>La tâche {task} n'a pas pu être lue depuis son serveur : consultez le journal « Remote GP ».</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="278"/>
        <source>Remote GP Jobs</source>
        <translation>Jobs Remote GP</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="62"/>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="62"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="62"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="62"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="62"/>
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="62"/>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="75"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="77"/>
        <source>Cancel the job on the server</source>
        <translation>Annuler le job sur le serveur</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="78"/>
        <source>Load Results</source>
        <translation>Charger les résultats</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="80"/>
        <source>Add the job&apos;s outputs to the project</source>
        <translation>Ajouter les sorties du job au projet</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="81"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="83"/>
        <source>Forget this job</source>
        <translation>Oublier ce job</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="129"/>
        <source>Cancel requested.</source>
        <translation>Annulation demandée.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="139"/>
        <source>The job&apos;s connection or the description of its task is gone: its results cannot be read.</source>
        <translation>La connexion du job ou la description de sa tâche n'existe plus : ses résultats ne peuvent pas être lus.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="233"/>
        <source>No connection describes this job&apos;s server: it was followed only while QGIS ran.</source>
        <translation>Aucune connexion ne correspond au serveur de ce job : il n'a été suivi que pendant l'exécution de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="236"/>
        <source>The connection this job ran on no longer exists: it is not followed any more.</source>
        <translation>La connexion sur laquelle ce job a été exécuté n'existe plus : il n'est plus suivi.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="239"/>
        <source>The task is no longer among the connection&apos;s cached descriptions: refresh the connection.</source>
        <translation>La tâche ne figure plus parmi les descriptions en cache de la connexion : actualisez la connexion.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="257"/>
        <source>{count} layer(s) added to the project.</source>
        <translation>{count} couche(s) ajoutée(s) au projet.</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="15"/>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="16"/>
        <source>Submitted</source>
        <translation>Soumis</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="17"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="18"/>
        <source>Executing</source>
        <translation>En cours d'exécution</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="19"/>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="20"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="21"/>
        <source>Timed out</source>
        <translation>Délai dépassé</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="22"/>
        <source>Cancelling</source>
        <translation>Annulation en cours</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="23"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="24"/>
        <source>Deleting</source>
        <translation>Suppression en cours</translation>
    </message>
    <message>
        <location filename="../bridge/i18n.py" line="25"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="295"/>
        <source>{host} (connection removed)</source>
        <translation>{host} (connexion supprimée)</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="97"/>
        <source>GP Connections…</source>
        <translation>Connexions GP…</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="22"/>
        <source>shapely (2.0 or later)</source>
        <translation>shapely (2.0 ou plus récent)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="24"/>
        <source>shapely 2.0 or later (this QGIS has {version})</source>
        <translation>shapely 2.0 ou plus récent (ce QGIS a la version {version})</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="89"/>
        <source>{output}: {count} feature(s).</source>
        <translation>{output} : {count} entité(s).</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="131"/>
        <source>Remove the connection &apos;{}&apos;?</source>
        <translation>Supprimer la connexion « {} » ?</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../bridge/survey.py" line="32"/>
        <source>Testing {connection}</source>
        <translation>Test de {connection}</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="415"/>
        <source>Job id</source>
        <translation>Identifiant du job</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="165"/>
        <source>{task} on {connection}: {url}</source>
        <translation>{task} sur {connection} : {url}</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="213"/>
        <source>Job {id} submitted.</source>
        <translation>Job {id} soumis.</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="231"/>
        <source>Job {id}: cancel sent to the server; the job is {status}.</source>
        <translation>Job {id} : annulation envoyée au serveur ; état du job : {status}.</translation>
    </message>
    <message>
        <location filename="../bridge/feature_geometry.py" line="96"/>
        <source>Feature {id} of &apos;{layer}&apos; has a geometry that cannot be read ({problem}).</source>
        <translation>L'entité {id} de « {layer} » a une géométrie illisible ({problem}).</translation>
    </message>
    <message>
        <location filename="../bridge/feature_geometry.py" line="86"/>
        <source>Feature {id} of &apos;{layer}&apos; is a multipoint of {count} points, but this input takes single points.</source>
        <translation>L'entité {id} de « {layer} » est un multipoint de {count} points, mais cette entrée n'accepte que des points simples.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="196"/>
        <source>&apos;{layer}&apos; has no geometries, but this input takes {kind}s.</source>
        <translation>« {layer} » n'a pas de géométrie, mais cette entrée attend des géométries de type {kind}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="201"/>
        <source>&apos;{layer}&apos; holds {type} geometries, but this input takes {kind}s.</source>
        <translation>« {layer} » contient des géométries {type}, mais cette entrée attend des géométries de type {kind}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="225"/>
        <source>&apos;{layer}&apos; has no known coordinate reference system: its coordinates are sent as they are, in the task&apos;s {reference}.</source>
        <translation>« {layer} » n'a pas de système de coordonnées de référence connu : ses coordonnées sont envoyées telles quelles, comme si elles étaient dans le système de la tâche, {reference}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="235"/>
        <source>QGIS does not know the task&apos;s spatial reference ({reference}): &apos;{layer}&apos; is sent in its own, {own}.</source>
        <translation>QGIS ne connaît pas la référence spatiale de la tâche ({reference}) : « {layer} » est envoyée dans sa propre référence spatiale, {own}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="295"/>
        <source>It is left out.</source>
        <translation>Elle est ignorée.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="331"/>
        <source>Feature {id} of &apos;{layer}&apos; cannot be transformed to the task&apos;s coordinate reference system ({error}).</source>
        <translation>L'entité {id} de « {layer} » ne peut pas être transformée dans le système de coordonnées de référence de la tâche ({error}).</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="353"/>
        <source>invalid</source>
        <translation>invalide</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="354"/>
        <source>Feature ({id}) of &apos;{layer}&apos; has an invalid geometry: {reason}. Fix it (Fix Geometries), or set Processing to ignore invalid features.</source>
        <translation>L'entité {id} de « {layer} » a une géométrie invalide : {reason}. Réparez-la (Réparer les géométries) ou configurez les traitements pour ignorer les entités invalides.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="366"/>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="419"/>
        <source>The features could not be written: {error}</source>
        <translation>Les entités n'ont pas pu être écrites : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/gpkg_writer.py" line="161"/>
        <source>Feature {number}: a value cannot be written to the layer ({error}).</source>
        <translation>Entité {number} : une valeur ne peut pas être écrite dans la couche ({error}).</translation>
    </message>
    <message>
        <location filename="../bridge/jobtask.py" line="41"/>
        <source>{task} (job {id})</source>
        <translation>{task} (job {id})</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="352"/>
        <source>{label} (unit)</source>
        <translation>{label} (unité)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="382"/>
        <source>{label} (separate values with ;)</source>
        <translation>{label} (séparer les valeurs par ;)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="338"/>
        <source>Accepted files ({patterns})</source>
        <translation>Fichiers acceptés ({patterns})</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="343"/>
        <source>All files (*.*)</source>
        <translation>Tous les fichiers (*.*)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="630"/>
        <source>{label}: &apos;{layer}&apos; is not a raster file on this computer; the service needs a file it can upload (save the layer as a GeoTIFF first).</source>
        <translation>{label} : « {layer} » n'est pas un fichier raster sur cet ordinateur ; le service a besoin d'un fichier à téléverser (enregistrez d'abord la couche en GeoTIFF).</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="106"/>
        <source>Refreshing Remote GP connections</source>
        <translation>Actualisation des connexions Remote GP</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="286"/>
        <source>{connection}: {name} left out: {error}</source>
        <translation>{connection} : {name} ignoré : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="274"/>
        <source>{connection} could not be refreshed; its cached algorithms stay: {error}</source>
        <translation>La connexion {connection} n'a pas pu être actualisée ; ses algorithmes en cache sont conservés : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/placement.py" line="111"/>
        <source>{label}: the server sent a picture of the output, not its data.</source>
        <translation>{label} : le serveur a envoyé une image de la sortie, et non ses données.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="86"/>
        <source>{label}: the server gave no coordinate reference system QGIS knows ({reference}); the layer has none.</source>
        <translation>{label} : le serveur n'a indiqué aucun système de coordonnées de référence connu de QGIS ({reference}) ; la couche n'en a pas.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="86"/>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="116"/>
        <source>{label}: could not write {path}.</source>
        <translation>{label} : impossible d'écrire {path}.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="132"/>
        <source>{label}: QGIS cannot open the service {url}.</source>
        <translation>{label} : QGIS ne peut pas ouvrir le service {url}.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="173"/>
        <source>{task} (map image)</source>
        <translation>{task} (image de carte)</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="42"/>
        <source>Remote GP (ArcGIS geoprocessing services)</source>
        <translation>Remote GP (services de géotraitement ArcGIS)</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="104"/>
        <source>{label}: {count} feature(s).</source>
        <translation>{label} : {count} entité(s).</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="55"/>
        <source>Connection tools</source>
        <translation>Outils de connexion</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="80"/>
        <source>Add GP connection</source>
        <translation>Ajouter une connexion GP</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="96"/>
        <source>Connection name</source>
        <translation>Nom de la connexion</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="97"/>
        <source>Server URL</source>
        <translation>URL du serveur</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="102"/>
        <source>Connection key</source>
        <translation>Clé de la connexion</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="179"/>
        <source>Give the connection a name.</source>
        <translation>Donnez un nom à la connexion.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="117"/>
        <source>QGIS&apos;s authentication database has no configuration with the id &apos;{authcfg}&apos;.</source>
        <translation>La base d'authentification de QGIS n'a aucune configuration d'identifiant « {authcfg} ».</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="121"/>
        <source>Several connections are named &apos;{name}&apos;: edit them in the connection manager.</source>
        <translation>Plusieurs connexions s'appellent « {name} » : modifiez-les dans le gestionnaire de connexions.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="136"/>
        <source>Connection &apos;{name}&apos; updated.</source>
        <translation>Connexion « {name} » mise à jour.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="139"/>
        <source>Connection &apos;{name}&apos; added.</source>
        <translation>Connexion « {name} » ajoutée.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="140"/>
        <source>Fetch its tasks with Refresh GP connections (remotegp:refreshconnections).</source>
        <translation>Récupérez ses tâches avec Actualiser les connexions GP (remotegp:refreshconnections).</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="183"/>
        <source>Refresh GP connections</source>
        <translation>Actualiser les connexions GP</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="186"/>
        <source>Fetches the task descriptions of GP connections from their servers, so that each task becomes an algorithm: all connections, or those named (separated by commas). A connection whose server cannot be read keeps the algorithms it had. The outputs count the connections refreshed and not refreshed, and the GP services and tasks found.</source>
        <translation>Récupère auprès de leurs serveurs les descriptions des tâches des connexions GP, pour que chaque tâche devienne un algorithme : toutes les connexions, ou celles nommées (séparées par des virgules). Une connexion dont le serveur ne peut être lu garde ses algorithmes. Les sorties comptent les connexions actualisées et non actualisées, ainsi que les services GP et les tâches trouvés.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="194"/>
        <source>Connections (all when empty)</source>
        <translation>Connexions (toutes si vide)</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="195"/>
        <source>The names of the connections to refresh, separated by commas, in any case.</source>
        <translation>Les noms des connexions à actualiser, séparés par des virgules, sans tenir compte de la casse.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>Connections refreshed</source>
        <translation>Connexions actualisées</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>Connections not refreshed</source>
        <translation>Connexions non actualisées</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>GP services found</source>
        <translation>Services GP trouvés</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>Tasks found</source>
        <translation>Tâches trouvées</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="208"/>
        <source>There are no GP connections to refresh. Add one first: {how}</source>
        <translation>Il n'y a aucune connexion GP à actualiser. Ajoutez-en une d'abord : {how}</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="211"/>
        <source>No GP connection is named {unknown}. The connections are: {known}.</source>
        <translation>Aucune connexion GP ne s'appelle {unknown}. Les connexions sont : {known}.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="247"/>
        <source>No GP connection could be refreshed: {connections}.</source>
        <translation>Aucune connexion GP n'a pu être actualisée : {connections}.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="251"/>
        <source>Connection(s) not refreshed: {connections}.</source>
        <translation>Connexion(s) non actualisée(s) : {connections}.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="296"/>
        <source>in QGIS, Web ▸ Remote GP ▸ GP Connections…; on the command line, qgis_process run remotegp:{add} --NAME=&quot;My server&quot; --URL=https://host/arcgis, then qgis_process run remotegp:{refresh}</source>
        <translation>dans QGIS, Internet ▸ Remote GP ▸ Connexions GP… ; en ligne de commande, qgis_process run remotegp:{add} --NAME=&quot;Mon serveur&quot; --URL=https://host/arcgis, puis qgis_process run remotegp:{refresh}</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="307"/>
        <source>Remote GP has no GP connections yet, so no remote algorithms. Add one: {how}</source>
        <translation>Remote GP n'a encore aucune connexion GP, donc aucun algorithme distant. Ajoutez-en une : {how}</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="311"/>
        <source>Remote GP has no task descriptions yet for the connection(s) {connections}, so no algorithms from them. Fetch them: in QGIS, Refresh GP Connections (the Remote GP button of the Processing Toolbox); on the command line, qgis_process run remotegp:{refresh}</source>
        <translation>Remote GP n'a encore aucune description de tâche pour la ou les connexions {connections}, donc aucun algorithme venant d'elles. Récupérez-les : dans QGIS, Actualiser les connexions GP (le bouton Remote GP de la boîte à outils de traitements) ; en ligne de commande, qgis_process run remotegp:{refresh}</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="295"/>
        <source>{connection}: {services} GP service(s), {tasks} task(s).</source>
        <translation>{connection} : {services} service(s) GP, {tasks} tâche(s).</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="57"/>
        <source>shapely (2.0 or later)</source>
        <translation>shapely (2.0 ou ultérieure)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="59"/>
        <source>shapely 2.0 or later (this QGIS has {version})</source>
        <translation>shapely 2.0 ou ultérieure (ce QGIS a la version {version})</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="63"/>
        <source>shapely {version} (in {site}) brings its own {geos}, and QGIS runs on GEOS {qgis}.</source>
        <translation>shapely {version} (dans {site}) apporte son propre {geos}, et QGIS fonctionne sur GEOS {qgis}.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="74"/>
        <source>shapely {version} (in {site}) does not load: {error}</source>
        <translation>shapely {version} (dans {site}) ne se charge pas : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="86"/>
        <source>Two GEOS libraries are loaded into QGIS: {paths}.</source>
        <translation>Deux bibliothèques GEOS sont chargées dans QGIS : {paths}.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="89"/>
        <source>shapely {version} runs on GEOS {geos}; Remote GP needs GEOS {minimum} or later.</source>
        <translation>shapely {version} fonctionne sur GEOS {geos} ; Remote GP a besoin de GEOS {minimum} ou ultérieure.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="95"/>
        <source>It is the GEOS QGIS runs on: use a QGIS built with a newer GEOS.</source>
        <translation>C'est la GEOS sur laquelle fonctionne QGIS : utilisez un QGIS construit avec une GEOS plus récente.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="101"/>
        <source>On this system the libraries loaded into QGIS share one namespace of symbols: shapely&apos;s GEOS would run partly on QGIS&apos;s GEOS, a separate build, and crash QGIS. Remote GP needs a shapely built against the GEOS QGIS runs on.</source>
        <translation>Sur ce système, les bibliothèques chargées dans QGIS partagent un seul espace de symboles : la GEOS de shapely fonctionnerait en partie sur celle de QGIS, une autre version, et ferait planter QGIS. Remote GP a besoin d'un shapely construit avec la GEOS de QGIS.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="118"/>
        <source>Remote GP cannot run in this QGIS and has registered nothing.</source>
        <translation>Remote GP ne peut pas fonctionner dans ce QGIS et n'a rien enregistré.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="121"/>
        <source>QGIS&apos;s Python lacks: {packages}.</source>
        <translation>Il manque au Python de QGIS : {packages}.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="133"/>
        <source>the OSGeo4W Shell (Start menu, beside QGIS)</source>
        <translation>l'OSGeo4W Shell (menu Démarrer, à côté de QGIS)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="136"/>
        <source>QGIS&apos;s Python Console (Plugins menu)</source>
        <translation>la console Python de QGIS (menu Extensions)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="141"/>
        <source>a terminal</source>
        <translation>un terminal</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="143"/>
        <source>To fix it on {system}, run in {where}, then restart QGIS:</source>
        <translation>Pour corriger cela sur {system}, exécutez dans {where}, puis redémarrez QGIS :</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="162"/>
        <source>first install with your package manager: pip, Python&apos;s headers, a C++ compiler and GEOS&apos;s headers</source>
        <translation>installez d'abord avec votre gestionnaire de paquets : pip, les en-têtes de Python, un compilateur C++ et les en-têtes de GEOS</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="289"/>
        <source>The request to {url} was cancelled.</source>
        <translation>La requête vers {url} a été annulée.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="293"/>
        <source>{url} sent an answer larger than {size}: it was not read further.</source>
        <translation>{url} a envoyé une réponse de plus de {size} : elle n'a pas été lue plus loin.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="304"/>
        <source>Could not reach {url} with the authentication configuration &apos;{authcfg}&apos;: {reason}.</source>
        <translation>Impossible de joindre {url} avec la configuration d'authentification « {authcfg} » : {reason}.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="304"/>
        <source>Could not reach {url}: {reason}.</source>
        <translation>Impossible de joindre {url} : {reason}.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="459"/>
        <source>{url} did not answer in time (the whole answer has to come within {seconds:g} s).</source>
        <translation>{url} n'a pas répondu à temps (la réponse entière doit arriver en {seconds:g} s).</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="469"/>
        <source>{url} did not answer in time (nothing came for {seconds:g} s, QGIS&apos;s network timeout, set in Settings &gt; Options &gt; Network).</source>
        <translation>{url} n'a pas répondu à temps (rien n'est venu pendant {seconds:g} s, le délai réseau de QGIS, réglé dans Préférences &gt; Options &gt; Réseau).</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="484"/>
        <source>Could not reach {url} with the authentication configuration &apos;{authcfg}&apos;: QGIS could not apply it.</source>
        <translation>Impossible de joindre {url} avec la configuration d'authentification « {authcfg} » : QGIS n'a pas pu l'appliquer.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="490"/>
        <source>Cannot write the file {path}: {reason}.</source>
        <translation>Impossible d'écrire le fichier {path} : {reason}.</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="106"/>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="107"/>
        <source>Submitted</source>
        <translation>Soumis</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="108"/>
        <source>Waiting</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="109"/>
        <source>Executing</source>
        <translation>En cours d'exécution</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="110"/>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="112"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="113"/>
        <source>Timed out</source>
        <translation>Délai dépassé</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="114"/>
        <source>Cancelling</source>
        <translation>Annulation en cours</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="115"/>
        <source>Cancelled</source>
        <translation>Annulé</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="116"/>
        <source>Deleting</source>
        <translation>Suppression en cours</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="117"/>
        <source>Deleted</source>
        <translation>Supprimé</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="47"/>
        <source>Loading the results of job {}</source>
        <translation>Chargement des résultats du job {}</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="65"/>
        <source>The server no longer keeps job {job} or its results (servers purge them after a while): {error}</source>
        <translation>Le serveur ne conserve plus le job {job} ni ses résultats (les serveurs les purgent au bout d'un certain temps) : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="85"/>
        <source>{output}: QGIS cannot open {source}.</source>
        <translation>{output} : QGIS ne peut pas ouvrir {source}.</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="94"/>
        <source>Job {job} is {status} on the server now: it has no results to load.</source>
        <translation>Le job {job} est désormais à l'état {status} sur le serveur : il n'a aucun résultat à charger.</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="114"/>
        <source>{output}: {count} feature(s).</source>
        <translation>{output} : {count} entité(s).</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="122"/>
        <source>{output}: saved as {path}</source>
        <translation>{output} : enregistré sous {path}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="136"/>
        <source>GP Connections…</source>
        <translation>Connexions GP…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="127"/>
        <source>Add GP Connection…</source>
        <translation>Ajouter une connexion GP…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="143"/>
        <source>Tools</source>
        <translation>Outils</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="143"/>
        <source>Refresh GP Connections</source>
        <translation>Actualiser les connexions GP</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="98"/>
        <source>New Connection…</source>
        <translation>Nouvelle connexion…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="110"/>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="102"/>
        <source>Edit Connection…</source>
        <translation>Modifier la connexion…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="302"/>
        <source>Remove Connection</source>
        <translation>Supprimer la connexion</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="109"/>
        <source>Open Service Page</source>
        <translation>Ouvrir la page du service</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="114"/>
        <source>Open Task Page</source>
        <translation>Ouvrir la page de la tâche</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="115"/>
        <source>Run…</source>
        <translation>Exécuter…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="127"/>
        <source>{task} is not among the Processing algorithms yet: refreshing the connection {connection} first.</source>
        <translation>La tâche {task} ne figure pas encore parmi les algorithmes de traitement : actualisation préalable de la connexion {connection}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="302"/>
        <source>Remove the connection &apos;{}&apos;?</source>
        <translation>Supprimer la connexion « {} » ?</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="186"/>
        <source>{task} could not be read from its server: see the Remote GP log.</source>
        <translation>La tâche {task} n'a pas pu être lue depuis son serveur : consultez le journal « Remote GP ».</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="59"/>
        <source>Testing {}…</source>
        <translation>Test de {}…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="69"/>
        <source>Failed: {}</source>
        <translation>Échec : {}</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="71"/>
        <source>of unknown version</source>
        <translation>de version inconnue</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="72"/>
        <source>Connected to ArcGIS Server {version}: {services} GP service(s), {tasks} task(s).</source>
        <translation>Connecté à ArcGIS Server {version} : {services} service(s) GP, {tasks} tâche(s).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="80"/>
        <source>Signed in as {}.</source>
        <translation>Identifié en tant que {}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="84"/>
        <source>Authentication: {} (applied by QGIS).</source>
        <translation>Authentification : {} (appliquée par QGIS).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="86"/>
        <source>No sign-in (anonymous).</source>
        <translation>Sans identification (anonyme).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="88"/>
        <source>Not readable (a sign-in may be needed): {}.</source>
        <translation>Non lisible(s) (une identification est peut-être nécessaire) : {}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="130"/>
        <source>Test Connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="214"/>
        <source>Remote GP Connections</source>
        <translation>Connexions Remote GP</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>New…</source>
        <translation>Nouvelle…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Duplicate</source>
        <translation>Dupliquer</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="90"/>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Import from QGIS</source>
        <translation>Importer depuis QGIS</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Import…</source>
        <translation>Importer…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="262"/>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="320"/>
        <source>QGIS has no ArcGIS REST server connections to import.</source>
        <translation>QGIS n'a aucune connexion à un serveur ArcGIS REST à importer.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="323"/>
        <source>Import Connections</source>
        <translation>Importer des connexions</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="337"/>
        <source>Remote GP connections (*.json)</source>
        <translation>Connexions Remote GP (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="334"/>
        <source>The file holds no connections.</source>
        <translation>Le fichier ne contient aucune connexion.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="337"/>
        <source>Export Connections</source>
        <translation>Exporter les connexions</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="347"/>
        <source>{count} connection(s) exported to {path} (names, URLs and authentication configuration ids; no passwords or tokens).</source>
        <translation>{count} connexion(s) exportée(s) vers {path} (noms, URL et identifiants des configurations d'authentification ; ni mots de passe ni tokens).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="368"/>
        <source>{added} connection(s) imported; {skipped} already there or unusable.</source>
        <translation>{added} connexion(s) importée(s) ; {skipped} déjà présente(s) ou inutilisable(s).</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="307"/>
        <source>Remote GP Jobs</source>
        <translation>Jobs Remote GP</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Progress</source>
        <translation>Progression</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Elapsed</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="86"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="87"/>
        <source>Cancel the job on the server</source>
        <translation>Annuler le job sur le serveur</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="88"/>
        <source>Load Results</source>
        <translation>Charger les résultats</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="89"/>
        <source>Add the job&apos;s outputs to the project</source>
        <translation>Ajouter les sorties du job au projet</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="91"/>
        <source>Forget this job</source>
        <translation>Oublier ce job</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="137"/>
        <source>Cancel requested.</source>
        <translation>Annulation demandée.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="147"/>
        <source>The job&apos;s connection or the description of its task is gone: its results cannot be read.</source>
        <translation>La connexion du job ou la description de sa tâche n'existe plus : ses résultats ne peuvent pas être lus.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="250"/>
        <source>No connection describes this job&apos;s server: it was followed only while QGIS ran.</source>
        <translation>Aucune connexion ne correspond au serveur de ce job : il n'a été suivi que pendant l'exécution de QGIS.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="257"/>
        <source>The connection this job ran on no longer exists: it is not followed any more.</source>
        <translation>La connexion sur laquelle ce job a été exécuté n'existe plus : il n'est plus suivi.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="261"/>
        <source>The task is no longer among the connection&apos;s cached descriptions: refresh the connection.</source>
        <translation>La tâche ne figure plus parmi les descriptions en cache de la connexion : actualisez la connexion.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="283"/>
        <source>{count} layer(s) added to the project.</source>
        <translation>{count} couche(s) ajoutée(s) au projet.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="322"/>
        <source>{host} (connection removed)</source>
        <translation>{host} (connexion supprimée)</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="274"/>
        <source>{connection} could not be refreshed; it has no algorithms until a refresh goes through: {error}</source>
        <translation>{connection} n'a pas pu être actualisée ; elle n'a aucun algorithme tant qu'une actualisation n'aboutit pas : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="120"/>
        <source>Fan out a remote task</source>
        <translation>Répartir une tâche distante</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="123"/>
        <source>Job tools</source>
        <translation>Outils de jobs</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="129"/>
        <source>Runs an asynchronous remote task once per input layer, or once per group of features (by the values of a field, and/or every N features), with all its jobs running on the server at once: much faster than a batch, which runs the jobs a few at a time.

Remote algorithm: its id, as the Processing Toolbox&apos;s tooltip shows it (remotegp: then the connection&apos;s, service&apos;s and task&apos;s names). Input parameter: the task&apos;s feature input that gets each group (left empty: the task&apos;s only feature input). Other parameters: the task&apos;s other values as a JSON object, as processing.run takes them, e.g. {&quot;Distance&quot;: 5, &quot;Distance_UNIT&quot;: &quot;Feet&quot;}.

Outputs go to the output folder: each feature output as one GeoPackage with a GROUP_NAME field naming each feature&apos;s group (merged), or one GeoPackage per group (kept apart); rasters and files per group. A failed job loses only its group: the log names it, and FAILED counts them. Cancel cancels every job on the server. Synchronous tasks have no jobs to fan out: run them in batch mode.</source>
        <translation>Exécute une tâche distante asynchrone une fois par couche en entrée, ou une fois par groupe d'entités (selon les valeurs d'un champ, et/ou toutes les N entités), tous ses jobs tournant en même temps sur le serveur : bien plus rapide qu'un lot, qui exécute les jobs quelques-uns à la fois.

Algorithme distant : son identifiant, tel que l'infobulle de la boîte à outils de traitements l'affiche (remotegp: puis les noms de la connexion, du service et de la tâche). Paramètre d'entrée : l'entrée d'entités de la tâche qui reçoit chaque groupe (vide : la seule entrée d'entités de la tâche). Autres paramètres : les autres valeurs de la tâche sous forme d'objet JSON, comme processing.run les prend, p. ex. {&quot;Distance&quot;: 5, &quot;Distance_UNIT&quot;: &quot;Feet&quot;}.

Les sorties vont dans le dossier de sortie : chaque sortie d'entités en un GeoPackage dont le champ GROUP_NAME nomme le groupe de chaque entité (fusionnées), ou un GeoPackage par groupe (séparées) ; rasters et fichiers par groupe. Un job en échec ne fait perdre que son groupe : le journal le nomme, et FAILED les compte. Annuler annule chaque job sur le serveur. Les tâches synchrones n'ont pas de jobs à répartir : exécutez-les en mode lot.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="147"/>
        <source>Remote algorithm (id)</source>
        <translation>Algorithme distant (identifiant)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="148"/>
        <source>Input layers</source>
        <translation>Couches en entrée</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="151"/>
        <source>Task input that gets the features (its only one when empty)</source>
        <translation>Entrée de la tâche qui reçoit les entités (sa seule entrée si vide)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="156"/>
        <source>Group features by this field</source>
        <translation>Grouper les entités selon ce champ</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="159"/>
        <source>Features per job (all when empty)</source>
        <translation>Entités par job (toutes si vide)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="164"/>
        <source>Other parameters of the task (JSON)</source>
        <translation>Autres paramètres de la tâche (JSON)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="169"/>
        <source>Merge the feature outputs</source>
        <translation>Fusionner les sorties d'entités</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="170"/>
        <source>Output folder</source>
        <translation>Dossier de sortie</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="171"/>
        <source>Job ids</source>
        <translation>Identifiants des jobs</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="172"/>
        <source>Jobs succeeded</source>
        <translation>Jobs réussis</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="173"/>
        <source>Jobs failed</source>
        <translation>Jobs en échec</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="203"/>
        <source>&apos;{id}&apos; is no remote algorithm of Remote GP: give the id of a remote task (the Processing Toolbox&apos;s tooltip shows it: remotegp: then the connection&apos;s, service&apos;s and task&apos;s names).</source>
        <translation>« {id} » n'est pas un algorithme distant de Remote GP : donnez l'identifiant d'une tâche distante (l'infobulle de la boîte à outils de traitements l'affiche : remotegp: puis les noms de la connexion, du service et de la tâche).</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="208"/>
        <source>&apos;{task}&apos; is a synchronous task: the server answers each run at once, so there are no jobs to fan out. Run it in batch mode instead.</source>
        <translation>« {task} » est une tâche synchrone : le serveur répond à chaque exécution immédiatement, il n'y a donc pas de jobs à répartir. Exécutez-la plutôt en mode lot.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="221"/>
        <source>The layer &apos;{layer}&apos; has no field &apos;{field}&apos; to group by.</source>
        <translation>La couche « {layer} » n'a pas de champ « {field} » selon lequel grouper.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="229"/>
        <source>{task}: {problem}</source>
        <translation>{task} : {problem}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="245"/>
        <source>&apos;{name}&apos; is not a feature input of {task}; its feature inputs: {inputs}.</source>
        <translation>« {name} » n'est pas une entrée d'entités de {task} ; ses entrées d'entités : {inputs}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="252"/>
        <source>{task} has {count} feature inputs: name the one that gets the features ({inputs}).</source>
        <translation>{task} a {count} entrées d'entités : nommez celle qui reçoit les entités ({inputs}).</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="267"/>
        <source>The other parameters are not a JSON object: {error}.</source>
        <translation>Les autres paramètres ne sont pas un objet JSON : {error}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="271"/>
        <source>The other parameters must be a JSON object, e.g. {&quot;Distance&quot;: 5}.</source>
        <translation>Les autres paramètres doivent être un objet JSON, p. ex. {&quot;Distance&quot;: 5}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="275"/>
        <source>{task} has no other parameter {unknown}; its parameters: {names}.</source>
        <translation>{task} n'a pas d'autre paramètre {unknown} ; ses paramètres : {names}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="304"/>
        <source>{task} on {connection}: {count} job(s).</source>
        <translation>{task} sur {connection} : {count} job(s).</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="374"/>
        <source>Cancel sent to the server for {count} job(s).</source>
        <translation>Annulation envoyée au serveur pour {count} job(s).</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="405"/>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="408"/>
        <source>part {number}</source>
        <translation>partie {number}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="420"/>
        <source>Group &apos;{group}&apos; failed: {error}</source>
        <translation>Le groupe « {group} » a échoué : {error}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="424"/>
        <source>All {count} jobs failed.</source>
        <translation>Les {count} jobs ont tous échoué.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="426"/>
        <source>{failed} of {total} jobs failed ({groups}); the results of the others are in the output folder.</source>
        <translation>{failed} jobs sur {total} ont échoué ({groups}) ; les résultats des autres sont dans le dossier de sortie.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="493"/>
        <source>{name}: QGIS cannot open {source}.</source>
        <translation>{name} : QGIS ne peut pas ouvrir {source}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="219"/>
        <source>'{layer}' has no known coordinate reference system: set the layer's CRS (Layer Properties ▸ Source, or Processing's Assign Projection), then run the tool again.</source>
        <translation>« {layer} » n'a pas de système de coordonnées de référence connu : définissez le SCR de la couche (Propriétés de la couche ▸ Source, ou l'algorithme Définir la projection), puis relancez l'outil.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="322"/>
        <source>Feature {id} of '{layer}' cannot be transformed to the task's coordinate reference system: its coordinates ({x:.10g}, {y:.10g}) are not longitudes and latitudes, but the layer's coordinate reference system is {crs}. The layer has no coordinate reference system of its own (QGIS gives WGS 84 to a layer read without one) or a wrong one: set its CRS (Layer Properties ▸ Source, or Processing's Assign Projection), then run the tool again.</source>
        <translation>L'entité {id} de « {layer} » ne peut pas être transformée dans le système de coordonnées de référence de la tâche : ses coordonnées ({x:.10g}, {y:.10g}) ne sont pas des longitudes et latitudes, mais le système de coordonnées de référence de la couche est {crs}. La couche n'a pas de système de coordonnées de référence propre (QGIS donne WGS 84 à une couche lue sans) ou en a un faux : définissez son SCR (Propriétés de la couche ▸ Source, ou l'algorithme Définir la projection), puis relancez l'outil.</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="111"/>
        <source>Partly succeeded</source>
        <translation>Réussi en partie</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="362"/>
        <source>Output CRS (default: the first input layer&apos;s)</source>
        <translation>SCR de sortie (par défaut : celui de la première couche en entrée)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="363"/>
        <source>The CRS the server returns output features in. Left empty, the CRS of the first input layer; the service&apos;s own CRS when no input layer has one.</source>
        <translation>Le SCR dans lequel le serveur renvoie les entités en sortie. Vide : le SCR de la première couche en entrée ; le SCR propre du service quand aucune couche en entrée n'en a.</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="373"/>
        <source>Keep the service&apos;s CRS for output features</source>
        <translation>Garder le SCR du service pour les entités en sortie</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="374"/>
        <source>Output features come back in the CRS the service gives them, not in the output CRS.</source>
        <translation>Les entités en sortie reviennent dans le SCR que le service leur donne, pas dans le SCR de sortie.</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="460"/>
        <source>An output CRS ({crs}) is given and the service&apos;s CRS is to be kept: choose one of the two.</source>
        <translation>Un SCR de sortie ({crs}) est donné et le SCR du service doit être gardé : choisissez l'un des deux.</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="481"/>
        <source>Output features asked for in {crs}.</source>
        <translation>Entités en sortie demandées en {crs}.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="51"/>
        <source>QGIS&apos;s authentication database has no such configuration.</source>
        <translation>La base d'authentification de QGIS n'a pas cette configuration.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="63"/>
        <source>The stored login of the connection &apos;{connection}&apos; (authentication configuration &apos;{authcfg}&apos;) could not be read: {reason}</source>
        <translation>L'identifiant enregistré de la connexion « {connection} » (configuration d'authentification « {authcfg} ») n'a pas pu être lu : {reason}</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="73"/>
        <source>QGIS could not decrypt or load it; edit it in Options ▸ Authentication.</source>
        <translation>QGIS n'a pas pu la déchiffrer ou la charger ; modifiez-la dans Options ▸ Authentification.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="75"/>
        <source>QGIS&apos;s master password was not given. qgis_process reads it from the first line of the file that the environment variable QGIS_AUTH_PASSWORD_FILE names.</source>
        <translation>Le mot de passe principal de QGIS n'a pas été donné. qgis_process le lit sur la première ligne du fichier que nomme la variable d'environnement QGIS_AUTH_PASSWORD_FILE.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="79"/>
        <source>QGIS&apos;s master password was not given.</source>
        <translation>Le mot de passe principal de QGIS n'a pas été donné.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="199"/>
        <source>Lost</source>
        <translation>Perdu</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="578"/>
        <source>{label}: &apos;{value}&apos; is none of the options ({options}).</source>
        <translation>{label} : « {value} » n'est aucune des options ({options}).</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="223"/>
        <source>Job {id} of task &apos;{task}&apos; ended as {status}: its errors are above.</source>
        <translation>Le job {id} de la tâche « {task} » s'est terminé en état {status} : ses erreurs sont ci-dessus.</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="134"/>
        <source>The cached description of {service}/{task} is unreadable ({error}); refresh its connection.</source>
        <translation>La description en cache de {service}/{task} est illisible ({error}) ; actualisez sa connexion.</translation>
    </message>
    <message>
        <location filename="../bridge/gpkg_writer.py" line="73"/>
        <source>{path} could not be written ({error}).</source>
        <translation>{path} n'a pas pu être écrit ({error}).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="110"/>
        <source>Told by the URL</source>
        <translation>Déduit de l'URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="111"/>
        <source>ArcGIS Server geoprocessing services</source>
        <translation>Services de géotraitement d'ArcGIS Server</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="263"/>
        <source>OGC API - Processes</source>
        <translation>OGC API - Processes</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="113"/>
        <source>The URL does not tell which kind of server it is: give KIND (1: ArcGIS, 2: OGC API).</source>
        <translation>L'URL ne dit pas de quel type de serveur il s'agit : indiquez KIND (1 : ArcGIS, 2 : OGC API).</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="295"/>
        <source>{connection}: {tasks} OGC API process(es).</source>
        <translation>{connection} : {tasks} processus OGC API.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="72"/>
        <source>Connected to an OGC API - Processes server: {tasks} process(es).</source>
        <translation>Connecté à un serveur OGC API - Processes : {tasks} processus.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="98"/>
        <source>Server Connection</source>
        <translation>Connexion à un serveur</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="102"/>
        <source>Any address of the server: an ArcGIS server&apos;s context root (https://host/arcgis), its REST services directory or a GP service on it; an OGC API - Processes server&apos;s landing page or its /processes.</source>
        <translation>N'importe quelle adresse du serveur : la racine de contexte d'un serveur ArcGIS (https://host/arcgis), son répertoire des services REST ou l'un de ses services GP ; la page d'accueil d'un serveur OGC API - Processes ou son /processes.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="159"/>
        <source>an ArcGIS server</source>
        <translation>un serveur ArcGIS</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="159"/>
        <source>an OGC API - Processes server</source>
        <translation>un serveur OGC API - Processes</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="160"/>
        <source>The URL is that of {kind}.</source>
        <translation>L'URL est celle d'{kind}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="188"/>
        <source>The URL does not tell which kind of server it is: choose it.</source>
        <translation>L'URL ne dit pas de quel type de serveur il s'agit : choisissez-le.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="263"/>
        <source>ArcGIS GP</source>
        <translation>ArcGIS GP</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="83"/>
        <source>Adds a GP server connection, or updates the connection of that name, as the connection manager does: a name, any address of the server (https://host/arcgis is enough; an OGC API - Processes server&apos;s landing page), the kind of server (told by the URL where it can be: KIND 0; 1 for an ArcGIS server, 2 for an OGC API - Processes server) and optionally an authentication configuration of QGIS (its id); passwords and tokens stay in QGIS&apos;s authentication database. An OGC API server that takes an API key in a header gets the header&apos;s name in API_KEY_HEADER: the key is the password of the (Basic) authentication configuration. Then &quot;Refresh GP connections&quot; fetches the server&apos;s tasks. The output KEY begins the ids of the connection&apos;s algorithms.</source>
        <translation>Ajoute une connexion à un serveur GP, ou met à jour la connexion de ce nom, comme le fait le gestionnaire de connexions : un nom, une adresse quelconque du serveur (https://host/arcgis suffit ; la page d'accueil d'un serveur OGC API - Processes), le type de serveur (déduit de l'URL quand elle le dit : KIND 0 ; 1 pour un serveur ArcGIS, 2 pour un serveur OGC API - Processes) et, au besoin, une configuration d'authentification de QGIS (son identifiant) ; mots de passe et jetons restent dans la base d'authentification de QGIS. Pour un serveur OGC API qui prend une clé d'API dans un en-tête, API_KEY_HEADER donne le nom de l'en-tête : la clé est le mot de passe de la configuration d'authentification (Basic). Ensuite, « Actualiser les connexions GP » récupère les tâches du serveur. La sortie KEY est le début des identifiants des algorithmes de la connexion.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="137"/>
        <source>API key header</source>
        <translation>En-tête de la clé d'API</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="82"/>
        <source>API key sent in the {} header.</source>
        <translation>Clé d'API envoyée dans l'en-tête {}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="118"/>
        <source>For an OGC API - Processes server that takes an API key in a header: the header&apos;s name. The key is the password of the authentication configuration below (Basic), and goes to this server only. Leave it empty otherwise.</source>
        <translation>Pour un serveur OGC API - Processes qui prend une clé d'API dans un en-tête : le nom de l'en-tête. La clé est le mot de passe de la configuration d'authentification ci-dessous (Basic) et ne va qu'à ce serveur. Sinon, laissez-le vide.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="181"/>
        <source>&apos;{header}&apos; is not the name of an HTTP header (letters, digits and &apos;-&apos;).</source>
        <translation>« {header} » n'est pas un nom d'en-tête HTTP (lettres, chiffres et « - »).</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../bridge/survey.py" line="32"/>
        <source>Testing {connection}</source>
        <translation>{connection} wird getestet</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="415"/>
        <source>Job id</source>
        <translation>Auftrags-ID</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="165"/>
        <source>{task} on {connection}: {url}</source>
        <translation>{task} auf {connection}: {url}</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="213"/>
        <source>Job {id} submitted.</source>
        <translation>Auftrag {id} übermittelt.</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="231"/>
        <source>Job {id}: cancel sent to the server; the job is {status}.</source>
        <translation>Auftrag {id}: Abbruch an den Server gesendet; Status des Auftrags: {status}.</translation>
    </message>
    <message>
        <location filename="../bridge/feature_geometry.py" line="96"/>
        <source>Feature {id} of &apos;{layer}&apos; has a geometry that cannot be read ({problem}).</source>
        <translation>Die Geometrie von Objekt {id} in „{layer}“ kann nicht gelesen werden ({problem}).</translation>
    </message>
    <message>
        <location filename="../bridge/feature_geometry.py" line="86"/>
        <source>Feature {id} of &apos;{layer}&apos; is a multipoint of {count} points, but this input takes single points.</source>
        <translation>Objekt {id} in „{layer}“ ist ein Multipunkt aus {count} Punkten, diese Eingabe nimmt aber nur Einzelpunkte an.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="196"/>
        <source>&apos;{layer}&apos; has no geometries, but this input takes {kind}s.</source>
        <translation>„{layer}“ hat keine Geometrien, diese Eingabe erwartet aber Geometrien vom Typ {kind}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="201"/>
        <source>&apos;{layer}&apos; holds {type} geometries, but this input takes {kind}s.</source>
        <translation>„{layer}“ enthält Geometrien vom Typ {type}, diese Eingabe erwartet aber Geometrien vom Typ {kind}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="225"/>
        <source>&apos;{layer}&apos; has no known coordinate reference system: its coordinates are sent as they are, in the task&apos;s {reference}.</source>
        <translation>„{layer}“ hat kein bekanntes Koordinatenbezugssystem: Seine Koordinaten werden unverändert gesendet, als lägen sie im System des Tasks, {reference}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="235"/>
        <source>QGIS does not know the task&apos;s spatial reference ({reference}): &apos;{layer}&apos; is sent in its own, {own}.</source>
        <translation>QGIS kennt den Raumbezug des Tasks nicht ({reference}): „{layer}“ wird in seinem eigenen Raumbezug gesendet, {own}.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="295"/>
        <source>It is left out.</source>
        <translation>Es wird ausgelassen.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="331"/>
        <source>Feature {id} of &apos;{layer}&apos; cannot be transformed to the task&apos;s coordinate reference system ({error}).</source>
        <translation>Objekt {id} in „{layer}“ kann nicht in das Koordinatenbezugssystem des Tasks transformiert werden ({error}).</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="353"/>
        <source>invalid</source>
        <translation>ungültig</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="354"/>
        <source>Feature ({id}) of &apos;{layer}&apos; has an invalid geometry: {reason}. Fix it (Fix Geometries), or set Processing to ignore invalid features.</source>
        <translation>Objekt {id} in „{layer}“ hat eine ungültige Geometrie: {reason}. Reparieren Sie sie (Geometrien reparieren) oder stellen Sie die Verarbeitung so ein, dass ungültige Objekte ignoriert werden.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="366"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="419"/>
        <source>The features could not be written: {error}</source>
        <translation>Die Objekte konnten nicht geschrieben werden: {error}</translation>
    </message>
    <message>
        <location filename="../bridge/gpkg_writer.py" line="161"/>
        <source>Feature {number}: a value cannot be written to the layer ({error}).</source>
        <translation>Objekt {number}: Ein Wert kann nicht in den Layer geschrieben werden ({error}).</translation>
    </message>
    <message>
        <location filename="../bridge/jobtask.py" line="41"/>
        <source>{task} (job {id})</source>
        <translation>{task} (Auftrag {id})</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="352"/>
        <source>{label} (unit)</source>
        <translation>{label} (Einheit)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="382"/>
        <source>{label} (separate values with ;)</source>
        <translation>{label} (Werte mit ; trennen)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="338"/>
        <source>Accepted files ({patterns})</source>
        <translation>Zulässige Dateien ({patterns})</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="343"/>
        <source>All files (*.*)</source>
        <translation>Alle Dateien (*.*)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="630"/>
        <source>{label}: &apos;{layer}&apos; is not a raster file on this computer; the service needs a file it can upload (save the layer as a GeoTIFF first).</source>
        <translation>{label}: „{layer}“ ist keine Rasterdatei auf diesem Computer; der Dienst braucht eine Datei, die hochgeladen werden kann (speichern Sie den Layer zuerst als GeoTIFF).</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="106"/>
        <source>Refreshing Remote GP connections</source>
        <translation>Remote GP: Verbindungen werden aktualisiert</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="286"/>
        <source>{connection}: {name} left out: {error}</source>
        <translation>{connection}: {name} ausgelassen: {error}</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="274"/>
        <source>{connection} could not be refreshed; its cached algorithms stay: {error}</source>
        <translation>Die Verbindung {connection} konnte nicht aktualisiert werden; ihre zwischengespeicherten Algorithmen bleiben erhalten: {error}</translation>
    </message>
    <message>
        <location filename="../bridge/placement.py" line="111"/>
        <source>{label}: the server sent a picture of the output, not its data.</source>
        <translation>{label}: Der Server hat ein Bild der Ausgabe gesendet, nicht ihre Daten.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="86"/>
        <source>{label}: the server gave no coordinate reference system QGIS knows ({reference}); the layer has none.</source>
        <translation>{label}: Der Server hat kein Koordinatenbezugssystem angegeben, das QGIS kennt ({reference}); der Layer hat keines.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="86"/>
        <source>none</source>
        <translation>keines</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="116"/>
        <source>{label}: could not write {path}.</source>
        <translation>{label}: {path} konnte nicht geschrieben werden.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="132"/>
        <source>{label}: QGIS cannot open the service {url}.</source>
        <translation>{label}: QGIS kann den Dienst {url} nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="173"/>
        <source>{task} (map image)</source>
        <translation>{task} (Kartenbild)</translation>
    </message>
    <message>
        <location filename="../bridge/provider.py" line="42"/>
        <source>Remote GP (ArcGIS geoprocessing services)</source>
        <translation>Remote GP (ArcGIS-Geoverarbeitungsdienste)</translation>
    </message>
    <message>
        <location filename="../bridge/results.py" line="104"/>
        <source>{label}: {count} feature(s).</source>
        <translation>{label}: {count} Objekt(e).</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="55"/>
        <source>Connection tools</source>
        <translation>Verbindungswerkzeuge</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="80"/>
        <source>Add GP connection</source>
        <translation>GP-Verbindung hinzufügen</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="96"/>
        <source>Connection name</source>
        <translation>Name der Verbindung</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="97"/>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="102"/>
        <source>Connection key</source>
        <translation>Schlüssel der Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="179"/>
        <source>Give the connection a name.</source>
        <translation>Geben Sie der Verbindung einen Namen.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="117"/>
        <source>QGIS&apos;s authentication database has no configuration with the id &apos;{authcfg}&apos;.</source>
        <translation>Die Authentifizierungsdatenbank von QGIS hat keine Konfiguration mit der ID „{authcfg}“.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="121"/>
        <source>Several connections are named &apos;{name}&apos;: edit them in the connection manager.</source>
        <translation>Mehrere Verbindungen heißen „{name}“: Bearbeiten Sie sie in der Verbindungsverwaltung.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="136"/>
        <source>Connection &apos;{name}&apos; updated.</source>
        <translation>Verbindung „{name}“ aktualisiert.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="139"/>
        <source>Connection &apos;{name}&apos; added.</source>
        <translation>Verbindung „{name}“ hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="140"/>
        <source>Fetch its tasks with Refresh GP connections (remotegp:refreshconnections).</source>
        <translation>Holen Sie ihre Tasks mit „GP-Verbindungen aktualisieren“ (remotegp:refreshconnections).</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="183"/>
        <source>Refresh GP connections</source>
        <translation>GP-Verbindungen aktualisieren</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="186"/>
        <source>Fetches the task descriptions of GP connections from their servers, so that each task becomes an algorithm: all connections, or those named (separated by commas). A connection whose server cannot be read keeps the algorithms it had. The outputs count the connections refreshed and not refreshed, and the GP services and tasks found.</source>
        <translation>Holt die Task-Beschreibungen von GP-Verbindungen von ihren Servern, damit jeder Task ein Algorithmus wird: alle Verbindungen oder die genannten (durch Kommas getrennt). Eine Verbindung, deren Server nicht gelesen werden kann, behält ihre Algorithmen. Die Ausgaben zählen die aktualisierten und nicht aktualisierten Verbindungen sowie die gefundenen GP-Dienste und Tasks.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="194"/>
        <source>Connections (all when empty)</source>
        <translation>Verbindungen (alle, wenn leer)</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="195"/>
        <source>The names of the connections to refresh, separated by commas, in any case.</source>
        <translation>Die Namen der zu aktualisierenden Verbindungen, durch Kommas getrennt, Groß- und Kleinschreibung beliebig.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>Connections refreshed</source>
        <translation>Aktualisierte Verbindungen</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>Connections not refreshed</source>
        <translation>Nicht aktualisierte Verbindungen</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>GP services found</source>
        <translation>Gefundene GP-Dienste</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="197"/>
        <source>Tasks found</source>
        <translation>Gefundene Tasks</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="208"/>
        <source>There are no GP connections to refresh. Add one first: {how}</source>
        <translation>Es gibt keine GP-Verbindungen zum Aktualisieren. Fügen Sie zuerst eine hinzu: {how}</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="211"/>
        <source>No GP connection is named {unknown}. The connections are: {known}.</source>
        <translation>Keine GP-Verbindung heißt {unknown}. Die Verbindungen sind: {known}.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="247"/>
        <source>No GP connection could be refreshed: {connections}.</source>
        <translation>Keine GP-Verbindung konnte aktualisiert werden: {connections}.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="251"/>
        <source>Connection(s) not refreshed: {connections}.</source>
        <translation>Nicht aktualisierte Verbindung(en): {connections}.</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="296"/>
        <source>in QGIS, Web ▸ Remote GP ▸ GP Connections…; on the command line, qgis_process run remotegp:{add} --NAME=&quot;My server&quot; --URL=https://host/arcgis, then qgis_process run remotegp:{refresh}</source>
        <translation>in QGIS: Web ▸ Remote GP ▸ GP-Verbindungen…; auf der Kommandozeile: qgis_process run remotegp:{add} --NAME=&quot;Mein Server&quot; --URL=https://host/arcgis, dann qgis_process run remotegp:{refresh}</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="307"/>
        <source>Remote GP has no GP connections yet, so no remote algorithms. Add one: {how}</source>
        <translation>Remote GP hat noch keine GP-Verbindungen, also keine entfernten Algorithmen. Fügen Sie eine hinzu: {how}</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="311"/>
        <source>Remote GP has no task descriptions yet for the connection(s) {connections}, so no algorithms from them. Fetch them: in QGIS, Refresh GP Connections (the Remote GP button of the Processing Toolbox); on the command line, qgis_process run remotegp:{refresh}</source>
        <translation>Remote GP hat noch keine Task-Beschreibungen für die Verbindung(en) {connections}, also keine Algorithmen daraus. Holen Sie sie: in QGIS mit „GP-Verbindungen aktualisieren“ (die Schaltfläche Remote GP der Verarbeitungswerkzeuge); auf der Kommandozeile mit qgis_process run remotegp:{refresh}</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="295"/>
        <source>{connection}: {services} GP service(s), {tasks} task(s).</source>
        <translation>{connection}: {services} GP-Dienst(e), {tasks} Task(s).</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="57"/>
        <source>shapely (2.0 or later)</source>
        <translation>shapely (2.0 oder neuer)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="59"/>
        <source>shapely 2.0 or later (this QGIS has {version})</source>
        <translation>shapely 2.0 oder neuer (dieses QGIS hat {version})</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="63"/>
        <source>shapely {version} (in {site}) brings its own {geos}, and QGIS runs on GEOS {qgis}.</source>
        <translation>shapely {version} (in {site}) bringt sein eigenes {geos} mit, und QGIS läuft auf GEOS {qgis}.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="74"/>
        <source>shapely {version} (in {site}) does not load: {error}</source>
        <translation>shapely {version} (in {site}) lässt sich nicht laden: {error}</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="86"/>
        <source>Two GEOS libraries are loaded into QGIS: {paths}.</source>
        <translation>In QGIS sind zwei GEOS-Bibliotheken geladen: {paths}.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="89"/>
        <source>shapely {version} runs on GEOS {geos}; Remote GP needs GEOS {minimum} or later.</source>
        <translation>shapely {version} läuft auf GEOS {geos}; Remote GP braucht GEOS {minimum} oder neuer.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="95"/>
        <source>It is the GEOS QGIS runs on: use a QGIS built with a newer GEOS.</source>
        <translation>Es ist das GEOS, auf dem QGIS läuft: Verwenden Sie ein QGIS, das mit einem neueren GEOS gebaut ist.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="101"/>
        <source>On this system the libraries loaded into QGIS share one namespace of symbols: shapely&apos;s GEOS would run partly on QGIS&apos;s GEOS, a separate build, and crash QGIS. Remote GP needs a shapely built against the GEOS QGIS runs on.</source>
        <translation>Auf diesem System teilen sich die in QGIS geladenen Bibliotheken einen einzigen Symbolraum: Das GEOS von shapely liefe zum Teil auf dem GEOS von QGIS, einer anderen Version, und brächte QGIS zum Absturz. Remote GP braucht ein shapely, das gegen das GEOS von QGIS gebaut ist.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="118"/>
        <source>Remote GP cannot run in this QGIS and has registered nothing.</source>
        <translation>Remote GP kann in diesem QGIS nicht laufen und hat nichts registriert.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="121"/>
        <source>QGIS&apos;s Python lacks: {packages}.</source>
        <translation>Dem Python von QGIS fehlt: {packages}.</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="133"/>
        <source>the OSGeo4W Shell (Start menu, beside QGIS)</source>
        <translation>der OSGeo4W Shell (Startmenü, neben QGIS)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="136"/>
        <source>QGIS&apos;s Python Console (Plugins menu)</source>
        <translation>der Python-Konsole von QGIS (Menü Erweiterungen)</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="141"/>
        <source>a terminal</source>
        <translation>einem Terminal</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="143"/>
        <source>To fix it on {system}, run in {where}, then restart QGIS:</source>
        <translation>Um das unter {system} zu beheben, führen Sie in {where} aus und starten Sie dann QGIS neu:</translation>
    </message>
    <message>
        <location filename="../bridge/dependencies.py" line="162"/>
        <source>first install with your package manager: pip, Python&apos;s headers, a C++ compiler and GEOS&apos;s headers</source>
        <translation>zuerst mit Ihrer Paketverwaltung installieren: pip, die Header von Python, einen C++-Compiler und die Header von GEOS</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="289"/>
        <source>The request to {url} was cancelled.</source>
        <translation>Die Anfrage an {url} wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="293"/>
        <source>{url} sent an answer larger than {size}: it was not read further.</source>
        <translation>{url} hat eine Antwort größer als {size} gesendet: Sie wurde nicht weiter gelesen.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="304"/>
        <source>Could not reach {url} with the authentication configuration &apos;{authcfg}&apos;: {reason}.</source>
        <translation>{url} ist mit der Authentifizierungskonfiguration „{authcfg}“ nicht erreichbar: {reason}.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="304"/>
        <source>Could not reach {url}: {reason}.</source>
        <translation>{url} ist nicht erreichbar: {reason}.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="459"/>
        <source>{url} did not answer in time (the whole answer has to come within {seconds:g} s).</source>
        <translation>{url} hat nicht rechtzeitig geantwortet (die ganze Antwort muss innerhalb von {seconds:g} s kommen).</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="469"/>
        <source>{url} did not answer in time (nothing came for {seconds:g} s, QGIS&apos;s network timeout, set in Settings &gt; Options &gt; Network).</source>
        <translation>{url} hat nicht rechtzeitig geantwortet (während {seconds:g} s kam nichts, das Netzwerk-Timeout von QGIS, einstellbar unter Einstellungen &gt; Optionen &gt; Netzwerk).</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="484"/>
        <source>Could not reach {url} with the authentication configuration &apos;{authcfg}&apos;: QGIS could not apply it.</source>
        <translation>{url} ist mit der Authentifizierungskonfiguration „{authcfg}“ nicht erreichbar: QGIS konnte sie nicht anwenden.</translation>
    </message>
    <message>
        <location filename="../bridge/network.py" line="490"/>
        <source>Cannot write the file {path}: {reason}.</source>
        <translation>Die Datei {path} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="106"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="107"/>
        <source>Submitted</source>
        <translation>Übermittelt</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="108"/>
        <source>Waiting</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="109"/>
        <source>Executing</source>
        <translation>Wird ausgeführt</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="110"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="112"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="113"/>
        <source>Timed out</source>
        <translation>Zeitüberschreitung</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="114"/>
        <source>Cancelling</source>
        <translation>Wird abgebrochen</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="115"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="116"/>
        <source>Deleting</source>
        <translation>Wird gelöscht</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="117"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="47"/>
        <source>Loading the results of job {}</source>
        <translation>Ergebnisse von Auftrag {} werden geladen</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="65"/>
        <source>The server no longer keeps job {job} or its results (servers purge them after a while): {error}</source>
        <translation>Der Server hält Auftrag {job} oder seine Ergebnisse nicht mehr vor (Server löschen sie nach einiger Zeit): {error}</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="85"/>
        <source>{output}: QGIS cannot open {source}.</source>
        <translation>{output}: QGIS kann {source} nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="94"/>
        <source>Job {job} is {status} on the server now: it has no results to load.</source>
        <translation>Auftrag {job} hat auf dem Server jetzt den Status {status}: Es gibt keine Ergebnisse zu laden.</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="114"/>
        <source>{output}: {count} feature(s).</source>
        <translation>{output}: {count} Objekt(e).</translation>
    </message>
    <message>
        <location filename="../bridge/jobresults.py" line="122"/>
        <source>{output}: saved as {path}</source>
        <translation>{output}: gespeichert als {path}</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="136"/>
        <source>GP Connections…</source>
        <translation>GP-Verbindungen…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="127"/>
        <source>Add GP Connection…</source>
        <translation>GP-Verbindung hinzufügen…</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="143"/>
        <source>Tools</source>
        <translation>Werkzeuge</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="143"/>
        <source>Refresh GP Connections</source>
        <translation>GP-Verbindungen aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="98"/>
        <source>New Connection…</source>
        <translation>Neue Verbindung…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="110"/>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="102"/>
        <source>Edit Connection…</source>
        <translation>Verbindung bearbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="302"/>
        <source>Remove Connection</source>
        <translation>Verbindung entfernen</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="109"/>
        <source>Open Service Page</source>
        <translation>Dienstseite öffnen</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="114"/>
        <source>Open Task Page</source>
        <translation>Task-Seite öffnen</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="115"/>
        <source>Run…</source>
        <translation>Ausführen…</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="127"/>
        <source>{task} is not among the Processing algorithms yet: refreshing the connection {connection} first.</source>
        <translation>{task} ist noch nicht unter den Verarbeitungsalgorithmen: Die Verbindung {connection} wird zuerst aktualisiert.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="302"/>
        <source>Remove the connection &apos;{}&apos;?</source>
        <translation>Verbindung „{}“ entfernen?</translation>
    </message>
    <message>
        <location filename="../ui/browser.py" line="186"/>
        <source>{task} could not be read from its server: see the Remote GP log.</source>
        <translation>{task} konnte nicht von seinem Server gelesen werden: siehe Protokoll „Remote GP“.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="59"/>
        <source>Testing {}…</source>
        <translation>{} wird getestet…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="69"/>
        <source>Failed: {}</source>
        <translation>Fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="71"/>
        <source>of unknown version</source>
        <translation>unbekannter Version</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="72"/>
        <source>Connected to ArcGIS Server {version}: {services} GP service(s), {tasks} task(s).</source>
        <translation>Verbunden mit ArcGIS Server {version}: {services} GP-Dienst(e), {tasks} Task(s).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="80"/>
        <source>Signed in as {}.</source>
        <translation>Angemeldet als {}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="84"/>
        <source>Authentication: {} (applied by QGIS).</source>
        <translation>Authentifizierung: {} (von QGIS angewendet).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="86"/>
        <source>No sign-in (anonymous).</source>
        <translation>Ohne Anmeldung (anonym).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="88"/>
        <source>Not readable (a sign-in may be needed): {}.</source>
        <translation>Nicht lesbar (möglicherweise ist eine Anmeldung nötig): {}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="130"/>
        <source>Test Connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="214"/>
        <source>Remote GP Connections</source>
        <translation>Remote GP – Verbindungen</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>New…</source>
        <translation>Neu…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="90"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Import from QGIS</source>
        <translation>Aus QGIS importieren</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Import…</source>
        <translation>Importieren…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="231"/>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="262"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="320"/>
        <source>QGIS has no ArcGIS REST server connections to import.</source>
        <translation>QGIS hat keine ArcGIS-REST-Server-Verbindungen, die importiert werden können.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="323"/>
        <source>Import Connections</source>
        <translation>Verbindungen importieren</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="337"/>
        <source>Remote GP connections (*.json)</source>
        <translation>Remote GP – Verbindungen (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="334"/>
        <source>The file holds no connections.</source>
        <translation>Die Datei enthält keine Verbindungen.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="337"/>
        <source>Export Connections</source>
        <translation>Verbindungen exportieren</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="347"/>
        <source>{count} connection(s) exported to {path} (names, URLs and authentication configuration ids; no passwords or tokens).</source>
        <translation>{count} Verbindung(en) nach {path} exportiert (Namen, URLs und IDs der Authentifizierungskonfigurationen; keine Passwörter oder Token).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="368"/>
        <source>{added} connection(s) imported; {skipped} already there or unusable.</source>
        <translation>{added} Verbindung(en) importiert; {skipped} bereits vorhanden oder unbrauchbar.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="307"/>
        <source>Remote GP Jobs</source>
        <translation>Remote GP – Aufträge</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Task</source>
        <translation>Task</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Elapsed</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="74"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="86"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="87"/>
        <source>Cancel the job on the server</source>
        <translation>Auftrag auf dem Server abbrechen</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="88"/>
        <source>Load Results</source>
        <translation>Ergebnisse laden</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="89"/>
        <source>Add the job&apos;s outputs to the project</source>
        <translation>Ausgaben des Auftrags zum Projekt hinzufügen</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="91"/>
        <source>Forget this job</source>
        <translation>Diesen Auftrag vergessen</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="137"/>
        <source>Cancel requested.</source>
        <translation>Abbruch angefordert.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="147"/>
        <source>The job&apos;s connection or the description of its task is gone: its results cannot be read.</source>
        <translation>Die Verbindung des Auftrags oder die Beschreibung seines Tasks ist nicht mehr vorhanden: Seine Ergebnisse können nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="250"/>
        <source>No connection describes this job&apos;s server: it was followed only while QGIS ran.</source>
        <translation>Keine Verbindung beschreibt den Server dieses Auftrags: Er wurde nur verfolgt, solange QGIS lief.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="257"/>
        <source>The connection this job ran on no longer exists: it is not followed any more.</source>
        <translation>Die Verbindung, über die dieser Auftrag lief, existiert nicht mehr: Er wird nicht mehr verfolgt.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="261"/>
        <source>The task is no longer among the connection&apos;s cached descriptions: refresh the connection.</source>
        <translation>Der Task ist nicht mehr unter den zwischengespeicherten Beschreibungen der Verbindung: Aktualisieren Sie die Verbindung.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="283"/>
        <source>{count} layer(s) added to the project.</source>
        <translation>{count} Layer zum Projekt hinzugefügt.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="322"/>
        <source>{host} (connection removed)</source>
        <translation>{host} (Verbindung entfernt)</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="274"/>
        <source>{connection} could not be refreshed; it has no algorithms until a refresh goes through: {error}</source>
        <translation>{connection} konnte nicht aktualisiert werden; sie hat keine Algorithmen, bis eine Aktualisierung gelingt: {error}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="120"/>
        <source>Fan out a remote task</source>
        <translation>Entfernte Aufgabe aufteilen</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="123"/>
        <source>Job tools</source>
        <translation>Auftragswerkzeuge</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="129"/>
        <source>Runs an asynchronous remote task once per input layer, or once per group of features (by the values of a field, and/or every N features), with all its jobs running on the server at once: much faster than a batch, which runs the jobs a few at a time.

Remote algorithm: its id, as the Processing Toolbox&apos;s tooltip shows it (remotegp: then the connection&apos;s, service&apos;s and task&apos;s names). Input parameter: the task&apos;s feature input that gets each group (left empty: the task&apos;s only feature input). Other parameters: the task&apos;s other values as a JSON object, as processing.run takes them, e.g. {&quot;Distance&quot;: 5, &quot;Distance_UNIT&quot;: &quot;Feet&quot;}.

Outputs go to the output folder: each feature output as one GeoPackage with a GROUP_NAME field naming each feature&apos;s group (merged), or one GeoPackage per group (kept apart); rasters and files per group. A failed job loses only its group: the log names it, and FAILED counts them. Cancel cancels every job on the server. Synchronous tasks have no jobs to fan out: run them in batch mode.</source>
        <translation>Führt eine asynchrone entfernte Aufgabe einmal je Eingabelayer oder einmal je Objektgruppe aus (nach den Werten eines Feldes und/oder je N Objekte), wobei alle ihre Aufträge gleichzeitig auf dem Server laufen: viel schneller als ein Stapelprozess, der die Aufträge nur wenige auf einmal ausführt.

Entfernter Algorithmus: seine ID, wie der Tooltip der Processing-Werkzeugkiste sie zeigt (remotegp: und dann die Namen der Verbindung, des Dienstes und der Aufgabe). Eingabeparameter: die Objekteingabe der Aufgabe, die jede Gruppe erhält (leer: die einzige Objekteingabe der Aufgabe). Weitere Parameter: die übrigen Werte der Aufgabe als JSON-Objekt, wie processing.run sie nimmt, z. B. {&quot;Distance&quot;: 5, &quot;Distance_UNIT&quot;: &quot;Feet&quot;}.

Die Ausgaben kommen in den Ausgabeordner: jede Objektausgabe als ein GeoPackage mit einem Feld GROUP_NAME, das die Gruppe jedes Objekts nennt (zusammengeführt), oder ein GeoPackage je Gruppe (getrennt); Raster und Dateien je Gruppe. Ein fehlgeschlagener Auftrag kostet nur seine Gruppe: das Protokoll nennt sie, und FAILED zählt sie. Abbrechen bricht jeden Auftrag auf dem Server ab. Synchrone Aufgaben haben keine Aufträge zum Aufteilen: führen Sie sie als Stapelprozess aus.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="147"/>
        <source>Remote algorithm (id)</source>
        <translation>Entfernter Algorithmus (ID)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="148"/>
        <source>Input layers</source>
        <translation>Eingabelayer</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="151"/>
        <source>Task input that gets the features (its only one when empty)</source>
        <translation>Eingabe der Aufgabe, die die Objekte erhält (ihre einzige, wenn leer)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="156"/>
        <source>Group features by this field</source>
        <translation>Objekte nach diesem Feld gruppieren</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="159"/>
        <source>Features per job (all when empty)</source>
        <translation>Objekte je Auftrag (alle, wenn leer)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="164"/>
        <source>Other parameters of the task (JSON)</source>
        <translation>Weitere Parameter der Aufgabe (JSON)</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="169"/>
        <source>Merge the feature outputs</source>
        <translation>Objektausgaben zusammenführen</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="170"/>
        <source>Output folder</source>
        <translation>Ausgabeordner</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="171"/>
        <source>Job ids</source>
        <translation>Auftrags-IDs</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="172"/>
        <source>Jobs succeeded</source>
        <translation>Erfolgreiche Aufträge</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="173"/>
        <source>Jobs failed</source>
        <translation>Fehlgeschlagene Aufträge</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="203"/>
        <source>&apos;{id}&apos; is no remote algorithm of Remote GP: give the id of a remote task (the Processing Toolbox&apos;s tooltip shows it: remotegp: then the connection&apos;s, service&apos;s and task&apos;s names).</source>
        <translation>„{id}“ ist kein entfernter Algorithmus von Remote GP: Geben Sie die ID einer entfernten Aufgabe an (der Tooltip der Processing-Werkzeugkiste zeigt sie: remotegp: und dann die Namen der Verbindung, des Dienstes und der Aufgabe).</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="208"/>
        <source>&apos;{task}&apos; is a synchronous task: the server answers each run at once, so there are no jobs to fan out. Run it in batch mode instead.</source>
        <translation>„{task}“ ist eine synchrone Aufgabe: Der Server beantwortet jeden Lauf sofort, es gibt also keine Aufträge zum Aufteilen. Führen Sie sie stattdessen als Stapelprozess aus.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="221"/>
        <source>The layer &apos;{layer}&apos; has no field &apos;{field}&apos; to group by.</source>
        <translation>Der Layer „{layer}“ hat kein Feld „{field}“, nach dem gruppiert werden kann.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="229"/>
        <source>{task}: {problem}</source>
        <translation>{task}: {problem}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="245"/>
        <source>&apos;{name}&apos; is not a feature input of {task}; its feature inputs: {inputs}.</source>
        <translation>„{name}“ ist keine Objekteingabe von {task}; seine Objekteingaben: {inputs}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="252"/>
        <source>{task} has {count} feature inputs: name the one that gets the features ({inputs}).</source>
        <translation>{task} hat {count} Objekteingaben: Nennen Sie die, die die Objekte erhält ({inputs}).</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="267"/>
        <source>The other parameters are not a JSON object: {error}.</source>
        <translation>Die weiteren Parameter sind kein JSON-Objekt: {error}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="271"/>
        <source>The other parameters must be a JSON object, e.g. {&quot;Distance&quot;: 5}.</source>
        <translation>Die weiteren Parameter müssen ein JSON-Objekt sein, z. B. {&quot;Distance&quot;: 5}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="275"/>
        <source>{task} has no other parameter {unknown}; its parameters: {names}.</source>
        <translation>{task} hat keinen weiteren Parameter {unknown}; seine Parameter: {names}.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="304"/>
        <source>{task} on {connection}: {count} job(s).</source>
        <translation>{task} auf {connection}: {count} Auftrag/Aufträge.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="374"/>
        <source>Cancel sent to the server for {count} job(s).</source>
        <translation>Abbruch für {count} Auftrag/Aufträge an den Server gesendet.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="405"/>
        <source>NULL</source>
        <translation>NULL</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="408"/>
        <source>part {number}</source>
        <translation>Teil {number}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="420"/>
        <source>Group &apos;{group}&apos; failed: {error}</source>
        <translation>Gruppe „{group}“ ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="424"/>
        <source>All {count} jobs failed.</source>
        <translation>Alle {count} Aufträge sind fehlgeschlagen.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="426"/>
        <source>{failed} of {total} jobs failed ({groups}); the results of the others are in the output folder.</source>
        <translation>{failed} von {total} Aufträgen sind fehlgeschlagen ({groups}); die Ergebnisse der anderen liegen im Ausgabeordner.</translation>
    </message>
    <message>
        <location filename="../bridge/fanout.py" line="493"/>
        <source>{name}: QGIS cannot open {source}.</source>
        <translation>{name}: QGIS kann {source} nicht öffnen.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="219"/>
        <source>'{layer}' has no known coordinate reference system: set the layer's CRS (Layer Properties ▸ Source, or Processing's Assign Projection), then run the tool again.</source>
        <translation>„{layer}“ hat kein bekanntes Koordinatenbezugssystem: Setzen Sie das KBS des Layers (Layereigenschaften ▸ Quelle oder der Processing-Algorithmus Projektion zuweisen) und führen Sie das Werkzeug erneut aus.</translation>
    </message>
    <message>
        <location filename="../bridge/features.py" line="322"/>
        <source>Feature {id} of '{layer}' cannot be transformed to the task's coordinate reference system: its coordinates ({x:.10g}, {y:.10g}) are not longitudes and latitudes, but the layer's coordinate reference system is {crs}. The layer has no coordinate reference system of its own (QGIS gives WGS 84 to a layer read without one) or a wrong one: set its CRS (Layer Properties ▸ Source, or Processing's Assign Projection), then run the tool again.</source>
        <translation>Objekt {id} von „{layer}“ kann nicht in das Koordinatenbezugssystem der Aufgabe transformiert werden: Seine Koordinaten ({x:.10g}, {y:.10g}) sind keine Längen- und Breitengrade, aber das Koordinatenbezugssystem des Layers ist {crs}. Der Layer hat kein eigenes Koordinatenbezugssystem (QGIS gibt einem ohne eines gelesenen Layer WGS 84) oder ein falsches: Setzen Sie sein KBS (Layereigenschaften ▸ Quelle oder der Processing-Algorithmus Projektion zuweisen) und führen Sie das Werkzeug erneut aus.</translation>
    </message>
    <message>
        <location filename="../bridge/feedback.py" line="111"/>
        <source>Partly succeeded</source>
        <translation>Teilweise erfolgreich</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="362"/>
        <source>Output CRS (default: the first input layer&apos;s)</source>
        <translation>Ausgabe-KBS (Vorgabe: das des ersten Eingabelayers)</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="363"/>
        <source>The CRS the server returns output features in. Left empty, the CRS of the first input layer; the service&apos;s own CRS when no input layer has one.</source>
        <translation>Das KBS, in dem der Server die Ausgabeobjekte zurückgibt. Leer: das KBS des ersten Eingabelayers; das eigene KBS des Dienstes, wenn kein Eingabelayer eines hat.</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="373"/>
        <source>Keep the service&apos;s CRS for output features</source>
        <translation>Das KBS des Dienstes für Ausgabeobjekte behalten</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="374"/>
        <source>Output features come back in the CRS the service gives them, not in the output CRS.</source>
        <translation>Die Ausgabeobjekte kommen in dem KBS zurück, das der Dienst ihnen gibt, nicht im Ausgabe-KBS.</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="460"/>
        <source>An output CRS ({crs}) is given and the service&apos;s CRS is to be kept: choose one of the two.</source>
        <translation>Ein Ausgabe-KBS ({crs}) ist angegeben und das KBS des Dienstes soll behalten werden: Wählen Sie eines von beiden.</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="481"/>
        <source>Output features asked for in {crs}.</source>
        <translation>Ausgabeobjekte in {crs} angefordert.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="51"/>
        <source>QGIS&apos;s authentication database has no such configuration.</source>
        <translation>Die Authentifizierungsdatenbank von QGIS hat keine solche Konfiguration.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="63"/>
        <source>The stored login of the connection &apos;{connection}&apos; (authentication configuration &apos;{authcfg}&apos;) could not be read: {reason}</source>
        <translation>Die gespeicherte Anmeldung der Verbindung „{connection}“ (Authentifizierungskonfiguration „{authcfg}“) konnte nicht gelesen werden: {reason}</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="73"/>
        <source>QGIS could not decrypt or load it; edit it in Options ▸ Authentication.</source>
        <translation>QGIS konnte sie nicht entschlüsseln oder laden; bearbeiten Sie sie unter Optionen ▸ Authentifizierung.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="75"/>
        <source>QGIS&apos;s master password was not given. qgis_process reads it from the first line of the file that the environment variable QGIS_AUTH_PASSWORD_FILE names.</source>
        <translation>Das Master-Passwort von QGIS wurde nicht angegeben. qgis_process liest es aus der ersten Zeile der Datei, die die Umgebungsvariable QGIS_AUTH_PASSWORD_FILE nennt.</translation>
    </message>
    <message>
        <location filename="../bridge/source.py" line="79"/>
        <source>QGIS&apos;s master password was not given.</source>
        <translation>Das Master-Passwort von QGIS wurde nicht angegeben.</translation>
    </message>
    <message>
        <location filename="../ui/job_monitor.py" line="199"/>
        <source>Lost</source>
        <translation>Verloren</translation>
    </message>
    <message>
        <location filename="../bridge/parameters.py" line="578"/>
        <source>{label}: &apos;{value}&apos; is none of the options ({options}).</source>
        <translation>{label}: „{value}“ ist keine der Optionen ({options}).</translation>
    </message>
    <message>
        <location filename="../bridge/algorithm.py" line="223"/>
        <source>Job {id} of task &apos;{task}&apos; ended as {status}: its errors are above.</source>
        <translation>Auftrag {id} der Aufgabe „{task}“ endete als {status}: seine Fehler stehen oben.</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="134"/>
        <source>The cached description of {service}/{task} is unreadable ({error}); refresh its connection.</source>
        <translation>Die zwischengespeicherte Beschreibung von {service}/{task} ist unlesbar ({error}); aktualisieren Sie ihre Verbindung.</translation>
    </message>
    <message>
        <location filename="../bridge/gpkg_writer.py" line="73"/>
        <source>{path} could not be written ({error}).</source>
        <translation>{path} konnte nicht geschrieben werden ({error}).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="110"/>
        <source>Told by the URL</source>
        <translation>Aus der URL</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="111"/>
        <source>ArcGIS Server geoprocessing services</source>
        <translation>Geoverarbeitungsdienste von ArcGIS Server</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="263"/>
        <source>OGC API - Processes</source>
        <translation>OGC API - Processes</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="218"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="113"/>
        <source>The URL does not tell which kind of server it is: give KIND (1: ArcGIS, 2: OGC API).</source>
        <translation>Die URL sagt nicht, welche Art von Server es ist: geben Sie KIND an (1: ArcGIS, 2: OGC API).</translation>
    </message>
    <message>
        <location filename="../bridge/descriptions.py" line="295"/>
        <source>{connection}: {tasks} OGC API process(es).</source>
        <translation>{connection}: {tasks} OGC-API-Prozess(e).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="72"/>
        <source>Connected to an OGC API - Processes server: {tasks} process(es).</source>
        <translation>Verbunden mit einem OGC-API-Processes-Server: {tasks} Prozess(e).</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="98"/>
        <source>Server Connection</source>
        <translation>Serververbindung</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="102"/>
        <source>Any address of the server: an ArcGIS server&apos;s context root (https://host/arcgis), its REST services directory or a GP service on it; an OGC API - Processes server&apos;s landing page or its /processes.</source>
        <translation>Eine beliebige Adresse des Servers: der Kontextstamm eines ArcGIS-Servers (https://host/arcgis), sein REST-Dienstverzeichnis oder einer seiner GP-Dienste; die Startseite eines OGC-API-Processes-Servers oder sein /processes.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="159"/>
        <source>an ArcGIS server</source>
        <translation>eines ArcGIS-Servers</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="159"/>
        <source>an OGC API - Processes server</source>
        <translation>eines OGC-API-Processes-Servers</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="160"/>
        <source>The URL is that of {kind}.</source>
        <translation>Die URL ist die {kind}.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="188"/>
        <source>The URL does not tell which kind of server it is: choose it.</source>
        <translation>Die URL sagt nicht, welche Art von Server es ist: wählen Sie sie.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="263"/>
        <source>ArcGIS GP</source>
        <translation>ArcGIS GP</translation>
    </message>
    <message>
        <location filename="../bridge/connection_tools.py" line="83"/>
        <source>Adds a GP server connection, or updates the connection of that name, as the connection manager does: a name, any address of the server (https://host/arcgis is enough; an OGC API - Processes server&apos;s landing page), the kind of server (told by the URL where it can be: KIND 0; 1 for an ArcGIS server, 2 for an OGC API - Processes server) and optionally an authentication configuration of QGIS (its id); passwords and tokens stay in QGIS&apos;s authentication database. An OGC API server that takes an API key in a header gets the header&apos;s name in API_KEY_HEADER: the key is the password of the (Basic) authentication configuration. Then &quot;Refresh GP connections&quot; fetches the server&apos;s tasks. The output KEY begins the ids of the connection&apos;s algorithms.</source>
        <translation>Fügt eine Verbindung zu einem GP-Server hinzu oder aktualisiert die Verbindung dieses Namens, wie es die Verbindungsverwaltung tut: ein Name, eine beliebige Adresse des Servers (https://host/arcgis genügt; die Startseite eines OGC-API-Processes-Servers), die Art des Servers (aus der URL abgelesen, wo sie es sagt: KIND 0; 1 für einen ArcGIS-Server, 2 für einen OGC-API-Processes-Server) und bei Bedarf eine Authentifizierungskonfiguration von QGIS (ihre ID); Passwörter und Tokens bleiben in der Authentifizierungsdatenbank von QGIS. Ein OGC-API-Server, der einen API-Schlüssel in einem Header nimmt, bekommt den Namen des Headers in API_KEY_HEADER: der Schlüssel ist das Passwort der (Basic-)Authentifizierungskonfiguration. Danach holt „GP-Verbindungen aktualisieren“ die Tasks des Servers. Die Ausgabe KEY ist der Anfang der IDs der Algorithmen der Verbindung.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="137"/>
        <source>API key header</source>
        <translation>Header des API-Schlüssels</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="82"/>
        <source>API key sent in the {} header.</source>
        <translation>API-Schlüssel im Header {} gesendet.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="118"/>
        <source>For an OGC API - Processes server that takes an API key in a header: the header&apos;s name. The key is the password of the authentication configuration below (Basic), and goes to this server only. Leave it empty otherwise.</source>
        <translation>Für einen OGC-API-Processes-Server, der einen API-Schlüssel in einem Header nimmt: der Name des Headers. Der Schlüssel ist das Passwort der Authentifizierungskonfiguration unten (Basic) und geht nur an diesen Server. Sonst leer lassen.</translation>
    </message>
    <message>
        <location filename="../ui/connection_dialog.py" line="181"/>
        <source>&apos;{header}&apos; is not the name of an HTTP header (letters, digits and &apos;-&apos;).</source>
        <translation>„{header}“ ist kein Name eines HTTP-Headers (Buchstaben, Ziffern und „-“).</translation>
    </message>
</context>
</TS>

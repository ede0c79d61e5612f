<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>qrc::BiggestKeysDialog</name>
    <message>
        <source>&amp;Scan Again</source>
        <translation>&amp;Erneut durchsuchen</translation>
    </message>
    <message>
        <source>Biggest Keys in %1</source>
        <translation>Größte Schlüssel in %1</translation>
    </message>
    <message>
        <source>Biggest keys</source>
        <translation>Größte Schlüssel</translation>
    </message>
    <message>
        <source>The keys of namespace %1 taking the most memory, from a bounded sample</source>
        <translation>Die Schlüssel des Namensraums %1 mit dem meisten Speicher, aus einer begrenzten Stichprobe</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Stichprobe</translation>
    </message>
    <message>
        <source>Largest first; double-click or Enter shows the key in the console</source>
        <translation>Größte zuerst; Doppelklick oder Eingabe zeigt den Schlüssel in der Konsole</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Stored size</source>
        <translation>Gespeicherte Größe</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>Erneut durchsuchen</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>Dialogschaltflächen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Scanning up to %1 keys of %2…</source>
        <translation>Durchsuche bis zu %1 Schlüssel von %2 …</translation>
    </message>
    <message>
        <source>Could not find the biggest keys: %1</source>
        <translation>Die größten Schlüssel konnten nicht ermittelt werden: %1</translation>
    </message>
    <message>
        <source>Namespace %1 holds no keys.</source>
        <translation>Der Namensraum %1 enthält keine Schlüssel.</translation>
    </message>
    <message>
        <source>The %1 largest of all %2 keys of %3, by memory.</source>
        <translation>Die %1 größten aller %2 Schlüssel von %3, nach Speicher.</translation>
    </message>
    <message>
        <source>The %1 largest of a sample of %2 keys of %3, by memory: the namespace holds more, and only the first %4 keys the server scanned were compared.</source>
        <translation>Die %1 größten aus einer Stichprobe von %2 Schlüsseln von %3, nach Speicher: Der Namensraum enthält mehr, verglichen wurden nur die ersten %4 Schlüssel, die der Server durchsucht hat.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
</context>
<context>
    <name>qrc::ChartsPanel</name>
    <message>
        <source>&amp;Namespace:</source>
        <translation>&amp;Namensraum:</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>Alle Namensräume</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>&amp;Per second</source>
        <translation>&amp;Pro Sekunde</translation>
    </message>
    <message>
        <source>Chart namespace</source>
        <translation>Namensraum der Diagramme</translation>
    </message>
    <message>
        <source>The namespace whose traffic the charts show</source>
        <translation>Der Namensraum, dessen Verkehr die Diagramme zeigen</translation>
    </message>
    <message>
        <source>Show per-second hit rate</source>
        <translation>Trefferquote pro Sekunde zeigen</translation>
    </message>
    <message>
        <source>Adds the hit rate of each second to its %1-second average</source>
        <translation>Zeigt neben dem %1-Sekunden-Mittel die Trefferquote jeder Sekunde</translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>Zeitfenster der Diagramme</translation>
    </message>
    <message>
        <source>How far back the charts reach</source>
        <translation>Wie weit die Diagramme zurückreichen</translation>
    </message>
    <message>
        <source>Hit rate (%1-second average)</source>
        <translation>Trefferquote (%1-Sekunden-Mittel)</translation>
    </message>
    <message>
        <source>Hit rate chart</source>
        <translation>Diagramm der Trefferquote</translation>
    </message>
    <message>
        <source>Requests per second chart</source>
        <translation>Diagramm der Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>Anfr./s</translation>
    </message>
    <message>
        <source>%1: hit rate %2 % (%3-second average)</source>
        <translation>%1: Trefferquote %2 % (%3-Sekunden-Mittel)</translation>
    </message>
    <message>
        <source>%1 % in that second</source>
        <translation>%1 % in dieser Sekunde</translation>
    </message>
    <message>
        <source>%1: %2 requests per second</source>
        <translation>%1: %2 Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>memory fallback %1–%2</source>
        <translation>Speicher-Ausweichbetrieb %1–%2</translation>
    </message>
    <message>
        <source>server unreachable %1–%2</source>
        <translation>Server nicht erreichbar %1–%2</translation>
    </message>
    <message>
        <source>Shaded: %1.</source>
        <translation>Schattiert: %1.</translation>
    </message>
    <message>
        <source>Latest: %1 %.</source>
        <translation>Zuletzt: %1 %.</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>Noch keine Daten.</translation>
    </message>
    <message>
        <source>Latest: %1 requests per second.</source>
        <translation>Zuletzt: %1 Anfragen pro Sekunde.</translation>
    </message>
</context>
<context>
    <name>qrc::ClearButton</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Empty this field</source>
        <translation>Dieses Feld leeren</translation>
    </message>
</context>
<context>
    <name>qrc::CollapsibleSection</name>
    <message>
        <source>Expanded; press to collapse %1</source>
        <translation>Aufgeklappt; drücken, um %1 einzuklappen</translation>
    </message>
    <message>
        <source>Collapsed; press to show %1</source>
        <translation>Eingeklappt; drücken, um %1 zu zeigen</translation>
    </message>
</context>
<context>
    <name>qrc::CollectionModel</name>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>Index</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Entry ID</source>
        <translation>Eintrags-ID</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Felder</translation>
    </message>
</context>
<context>
    <name>qrc::ConnectionDialog</name>
    <message>
        <source>&amp;Remember the token on this computer</source>
        <translation>Token auf diesem Computer &amp;merken</translation>
    </message>
    <message>
        <source>Use &amp;Redis at</source>
        <translation>&amp;Redis verwenden unter</translation>
    </message>
    <message>
        <source>Connect to a cache server</source>
        <translation>Mit einem Cache-Server verbinden</translation>
    </message>
    <message>
        <source>Cache server</source>
        <translation>Cache-Server</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>Server-&amp;URL:</translation>
    </message>
    <message>
        <source>only if the server requires one</source>
        <translation>nur falls der Server eines verlangt</translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation>Admin-&amp;Token:</translation>
    </message>
    <message>
        <source>Stored in plain text in the console&apos;s settings file</source>
        <translation>Wird im Klartext in der Einstellungsdatei der Konsole gespeichert</translation>
    </message>
    <message>
        <source>Or run a cache service inside the console</source>
        <translation>Oder einen Cache-Dienst in der Konsole ausführen</translation>
    </message>
    <message>
        <source>Starts the cache and its management API on a free local port, for trying things out. Without Redis it keeps everything in memory.</source>
        <translation>Startet den Cache und seine Verwaltungs-API auf einem freien lokalen Port, zum Ausprobieren. Ohne Redis wird alles im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Start &amp;embedded service</source>
        <translation>&amp;Eingebetteten Dienst starten</translation>
    </message>
    <message>
        <source>&amp;Delete profile</source>
        <translation>Profil lö&amp;schen</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>A saved connection: choosing one fills the fields; a new name saves them on Connect</source>
        <translation>Eine gespeicherte Verbindung: Auswahl füllt die Felder aus; ein neuer Name speichert sie beim Verbinden</translation>
    </message>
    <message>
        <source>none (type a name to save these settings)</source>
        <translation>keines (Namen eingeben, um diese Einstellungen zu speichern)</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profil:</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server-URL</translation>
    </message>
    <message>
        <source>The cache server&apos;s address; the list holds recent ones</source>
        <translation>Die Adresse des Cache-Servers; die Liste enthält die zuletzt verwendeten</translation>
    </message>
    <message>
        <source>Admin token</source>
        <translation>Admin-Token</translation>
    </message>
    <message>
        <source>Token file</source>
        <translation>Token-Datei</translation>
    </message>
    <message>
        <source>or a file that holds it</source>
        <translation>oder eine Datei, die es enthält</translation>
    </message>
    <message>
        <source>Token &amp;file:</source>
        <translation>Token-&amp;Datei:</translation>
    </message>
    <message>
        <source>Disable every action that changes or deletes data on this server</source>
        <translation>Alle Aktionen sperren, die auf diesem Server Daten ändern oder löschen</translation>
    </message>
    <message>
        <source>Redis host</source>
        <translation>Redis-Host</translation>
    </message>
    <message>
        <source>Redis port</source>
        <translation>Redis-Port</translation>
    </message>
    <message>
        <source>Browse read-&amp;only</source>
        <translation>Nur &amp;lesend</translation>
    </message>
</context>
<context>
    <name>qrc::Format</name>
    <message>
        <source>no expiry</source>
        <translation>läuft nicht ab</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>%1d %2h %3m</source>
        <translation>%1 T %2:%3 h</translation>
    </message>
    <message>
        <source>%1h %2m %3s</source>
        <translation>%1:%2:%3 h</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1:%2 min</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>qrc::JsonTreeModel</name>
    <message>
        <source>Not shown as a tree: the value is not JSON, or has more than %1 elements.</source>
        <translation>Keine Baumansicht: Der Wert ist kein JSON oder hat mehr als %1 Elemente.</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(Wurzel)</translation>
    </message>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n Element}</numerusform>
            <numerusform>{%n Elemente}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n Element]</numerusform>
            <numerusform>[%n Elemente]</numerusform>
        </translation>
    </message>
    <message>
        <source>object</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <source>array</source>
        <translation>Array</translation>
    </message>
    <message>
        <source>string</source>
        <translation>Zeichenkette</translation>
    </message>
    <message>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>Wahrheitswert</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>qrc::KeyTreeModel</name>
    <message>
        <source>Could not list namespaces: %1</source>
        <translation>Namensräume konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Could not list keys of %1: %2</source>
        <translation>Schlüssel von %1 konnten nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Could not change the TTL of %1: %2</source>
        <translation>Die TTL von %1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>Could not delete keys: %1</source>
        <translation>Schlüssel konnten nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Could not clear %1: %2</source>
        <translation>%1 konnte nicht geleert werden: %2</translation>
    </message>
    <message>
        <source>Could not clear the cache: %1</source>
        <translation>Der Cache konnte nicht geleert werden: %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>[filter: %1]</source>
        <translation>[Filter: %1]</translation>
    </message>
    <message numerus="yes">
        <source>Namespace %1: %n key(s), %2 loaded</source>
        <translation>
            <numerusform>Namensraum %1: %n Schlüssel, %2 geladen</numerusform>
            <numerusform>Namensraum %1: %n Schlüssel, %2 geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>gzip</source>
        <translation>gzip</translation>
    </message>
    <message>
        <source>%1 — double-click or F2 to change</source>
        <translation>%1 – zum Ändern doppelklicken oder F2</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) stored</source>
        <translation>
            <numerusform>%n Byte gespeichert</numerusform>
            <numerusform>%n Bytes gespeichert</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>Komprimiert</translation>
    </message>
    <message>
        <source>[filter: %1: no matches]</source>
        <translation>[Filter: %1: keine Treffer]</translation>
    </message>
    <message>
        <source>String</source>
        <translation>String</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Sorted set</source>
        <translation>Sortierte Menge</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Stream</translation>
    </message>
    <message>
        <source>%1 in memory; a %2 has no stored value</source>
        <translation>%1 im Speicher; ein %2 hat keinen gespeicherten Wert</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 in memory</source>
        <translation>%1 im Speicher</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
</context>
<context>
    <name>qrc::MainWindow</name>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … und %n weiterer</numerusform>
            <numerusform>  … und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Cache Console</source>
        <translation>Cache-Konsole</translation>
    </message>
    <message>
        <source>TTL of %1 set to %2</source>
        <translation>TTL von %1 auf %2 gesetzt</translation>
    </message>
    <message>
        <source>%1 no longer exists</source>
        <translation>%1 existiert nicht mehr</translation>
    </message>
    <message>
        <source>Demo traffic stopped: %1</source>
        <translation>Demo-Verkehr gestoppt: %1</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>&amp;Verbinden …</translation>
    </message>
    <message>
        <source>Connect to a cache server</source>
        <translation>Mit einem Cache-Server verbinden</translation>
    </message>
    <message>
        <source>Start &amp;Embedded Service</source>
        <translation>&amp;Eingebetteten Dienst starten</translation>
    </message>
    <message>
        <source>Run a cache service inside the console and connect to it</source>
        <translation>Einen Cache-Dienst in der Konsole ausführen und sich damit verbinden</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>&amp;Trennen</translation>
    </message>
    <message>
        <source>Disconnect from the server</source>
        <translation>Verbindung zum Server trennen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Reload namespaces and loaded keys</source>
        <translation>Namensräume und geladene Schlüssel neu laden</translation>
    </message>
    <message>
        <source>&amp;Filter Keys…</source>
        <translation>Schlüssel &amp;filtern …</translation>
    </message>
    <message>
        <source>Filter keys by a glob such as user:*</source>
        <translation>Schlüssel mit einem Muster wie user:* filtern</translation>
    </message>
    <message>
        <source>&amp;Copy Key Name</source>
        <translation>Schlüsselnamen &amp;kopieren</translation>
    </message>
    <message>
        <source>Copy the selected key names</source>
        <translation>Die Namen der ausgewählten Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Edit &amp;TTL</source>
        <translation>&amp;TTL bearbeiten</translation>
    </message>
    <message>
        <source>Change the time to live of the selected key</source>
        <translation>Die Lebensdauer des ausgewählten Schlüssels ändern</translation>
    </message>
    <message>
        <source>&amp;Delete Keys…</source>
        <translation>Schlüssel &amp;löschen …</translation>
    </message>
    <message>
        <source>Delete the selected keys</source>
        <translation>Die ausgewählten Schlüssel löschen</translation>
    </message>
    <message>
        <source>Clear &amp;Namespace…</source>
        <translation>&amp;Namensraum leeren …</translation>
    </message>
    <message>
        <source>Delete every key of the selected namespace</source>
        <translation>Alle Schlüssel des ausgewählten Namensraums löschen</translation>
    </message>
    <message>
        <source>Clear &amp;All…</source>
        <translation>&amp;Alles leeren …</translation>
    </message>
    <message>
        <source>Delete every key of the cache</source>
        <translation>Alle Schlüssel des Caches löschen</translation>
    </message>
    <message>
        <source>Reset &amp;Statistics…</source>
        <translation>&amp;Statistik zurücksetzen …</translation>
    </message>
    <message>
        <source>Set every counter to zero</source>
        <translation>Alle Zähler auf null setzen</translation>
    </message>
    <message>
        <source>&amp;Read-Only Mode</source>
        <translation>&amp;Nur-Lese-Modus</translation>
    </message>
    <message>
        <source>Disable every action that changes or deletes data</source>
        <translation>Alle Aktionen deaktivieren, die Daten ändern oder löschen</translation>
    </message>
    <message>
        <source>Generate Demo &amp;Traffic</source>
        <translation>Demo-&amp;Verkehr erzeugen</translation>
    </message>
    <message>
        <source>Request the demo items continuously to exercise the cache</source>
        <translation>Die Demo-Einträge fortlaufend abrufen, um den Cache zu belasten</translation>
    </message>
    <message>
        <source>&amp;About Cache Console</source>
        <translation>&amp;Über die Cache-Konsole</translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>Letzte %n Minute</numerusform>
            <numerusform>Letzte %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>Zeitfenster der Diagramme</translation>
    </message>
    <message>
        <source>About Cache Console</source>
        <translation>Über die Cache-Konsole</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Cache Console %1&lt;/h3&gt;&lt;p&gt;Browse, watch and manage a Qt Redis Cache server through its management API.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Cache-Konsole %1&lt;/h3&gt;&lt;p&gt;Einen Qt-Redis-Cache-Server über seine Verwaltungs-API durchsuchen, beobachten und verwalten.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>S&amp;tatistik</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Filter keys (glob, Enter searches the namespace)</source>
        <translation>Schlüssel filtern (Muster, Eingabe durchsucht den Namensraum)</translation>
    </message>
    <message>
        <source>Typing narrows the loaded keys; Enter asks the server for every matching key of the selected namespace (%1)</source>
        <translation>Tippen schränkt die geladenen Schlüssel ein; die Eingabetaste fragt den Server nach allen passenden Schlüsseln des ausgewählten Namensraums (%1)</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>Statistik</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Destructive actions are disabled</source>
        <translation>Löschende und ändernde Aktionen sind deaktiviert</translation>
    </message>
    <message>
        <source>Embedded service</source>
        <translation>Eingebetteter Dienst</translation>
    </message>
    <message>
        <source>The embedded service could not start: %1</source>
        <translation>Der eingebettete Dienst konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>The server refused the admin token (%1)</source>
        <translation>Der Server hat das Admin-Token abgelehnt (%1)</translation>
    </message>
    <message>
        <source>from namespace “%1”</source>
        <translation>aus dem Namensraum „%1“</translation>
    </message>
    <message numerus="yes">
        <source>from %n namespace(s)</source>
        <translation>
            <numerusform>aus %n Namensraum</numerusform>
            <numerusform>aus %n Namensräumen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) %1?</source>
        <translation>
            <numerusform>%n Schlüssel %1 löschen?</numerusform>
            <numerusform>%n Schlüssel %1 löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys</source>
        <translation>Schlüssel löschen</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel gelöscht</numerusform>
            <numerusform>%n Schlüssel gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear namespace “%1”?

This deletes all %2 keys in it on the server. Other namespaces are not touched.</source>
        <translation>Namensraum „%1“ leeren?

Dies löscht alle %2 Schlüssel darin auf dem Server. Andere Namensräume bleiben unberührt.</translation>
    </message>
    <message>
        <source>Clear namespace</source>
        <translation>Namensraum leeren</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s) from %1</source>
        <translation>
            <numerusform>%n Schlüssel aus %1 gelöscht</numerusform>
            <numerusform>%n Schlüssel aus %1 gelöscht</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the whole cache?

This deletes all %1 keys in %n namespace(s) on %2.</source>
        <translation>
            <numerusform>Den gesamten Cache leeren?

Dies löscht alle %1 Schlüssel in %n Namensraum auf %2.</numerusform>
            <numerusform>Den gesamten Cache leeren?

Dies löscht alle %1 Schlüssel in %n Namensräumen auf %2.</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>Alles leeren</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel gelöscht</numerusform>
            <numerusform>%n Schlüssel gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset statistics</source>
        <translation>Statistik zurücksetzen</translation>
    </message>
    <message>
        <source>Reset every counter and the history of %1 to zero?</source>
        <translation>Alle Zähler und den Verlauf von %1 auf null setzen?</translation>
    </message>
    <message>
        <source>Could not reset statistics: %1</source>
        <translation>Die Statistik konnte nicht zurückgesetzt werden: %1</translation>
    </message>
    <message>
        <source>Statistics reset</source>
        <translation>Statistik zurückgesetzt</translation>
    </message>
    <message>
        <source>The server uses Redis again: keys reloaded</source>
        <translation>Der Server verwendet wieder Redis: Schlüssel neu geladen</translation>
    </message>
    <message>
        <source>The server fell back to memory: keys reloaded</source>
        <translation>Der Server ist auf den Speicher ausgewichen: Schlüssel neu geladen</translation>
    </message>
    <message>
        <source>Only keys under the prefix “%1:” are listed; other keys in this Redis database are not shown.</source>
        <translation>Nur Schlüssel unter dem Präfix „%1:“ werden aufgelistet; andere Schlüssel dieser Redis-Datenbank werden nicht angezeigt.</translation>
    </message>
    <message>
        <source>&amp;Search All Namespaces</source>
        <translation>In allen Namensräumen &amp;suchen</translation>
    </message>
    <message>
        <source>Search every namespace on the server for keys matching the filter</source>
        <translation>Alle Namensräume des Servers nach Schlüsseln durchsuchen, die zum Filter passen</translation>
    </message>
    <message>
        <source>Delete Keys &amp;Matching…</source>
        <translation>Passende Schlüssel &amp;löschen…</translation>
    </message>
    <message>
        <source>Delete the keys of the selected namespace that match a pattern</source>
        <translation>Die Schlüssel des gewählten Namensraums löschen, die zu einem Muster passen</translation>
    </message>
    <message>
        <source>Copy &amp;Value</source>
        <translation>&amp;Wert kopieren</translation>
    </message>
    <message>
        <source>Copy the value shown</source>
        <translation>Den angezeigten Wert kopieren</translation>
    </message>
    <message>
        <source>Copy &amp;Full Redis Key</source>
        <translation>&amp;Vollständigen Redis-Schlüssel kopieren</translation>
    </message>
    <message>
        <source>Copy the key as stored in Redis, with prefix and namespace</source>
        <translation>Den Schlüssel so kopieren, wie er in Redis steht, mit Präfix und Namensraum</translation>
    </message>
    <message>
        <source>&amp;Export Value…</source>
        <translation>Wert &amp;exportieren…</translation>
    </message>
    <message>
        <source>Save the value, exactly as stored, to a file</source>
        <translation>Den Wert genau wie gespeichert in eine Datei schreiben</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every action and its shortcut</source>
        <translation>Alle Aktionen mit ihren Tastenkürzeln auflisten</translation>
    </message>
    <message>
        <source>Embedded service on port %1</source>
        <translation>Eingebetteter Dienst auf Port %1</translation>
    </message>
    <message>
        <source>Search all namespaces</source>
        <translation>Alle Namensräume durchsuchen</translation>
    </message>
    <message>
        <source>Keys matching (a glob such as user:*, or a word):</source>
        <translation>Passende Schlüssel (ein Muster wie user:* oder ein Wort):</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>Suche fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>No key matches “%1” in any namespace.</source>
        <translation>Kein Schlüssel passt in irgendeinem Namensraum zu „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>%1 matching “%2” in %n namespace(s).</source>
        <translation>
            <numerusform>%1 passend zu „%2“ in %n Namensraum.</numerusform>
            <numerusform>%1 passend zu „%2“ in %n Namensräumen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n Schlüssel</numerusform>
            <numerusform>%n Schlüssel</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys matching</source>
        <translation>Passende Schlüssel löschen</translation>
    </message>
    <message>
        <source>Delete the keys of namespace “%1” that match (glob, \ makes * ? [ literal):</source>
        <translation>Die Schlüssel des Namensraums „%1“ löschen, die passen zu (Muster; \ macht * ? [ wörtlich):</translation>
    </message>
    <message>
        <source>Could not count the keys: %1</source>
        <translation>Die Schlüssel konnten nicht gezählt werden: %1</translation>
    </message>
    <message>
        <source>No key of %1 matches “%2”</source>
        <translation>Kein Schlüssel von %1 passt zu „%2“</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) matching “%1” from namespace “%2”?</source>
        <translation>
            <numerusform>%n zu „%1“ passenden Schlüssel aus dem Namensraum „%2“ löschen?</numerusform>
            <numerusform>%n zu „%1“ passende Schlüssel aus dem Namensraum „%2“ löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>Löschen fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s) from %1</source>
        <translation>
            <numerusform>%n Schlüssel aus %1 gelöscht</numerusform>
            <numerusform>%n Schlüssel aus %1 gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Export value</source>
        <translation>Wert exportieren</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Saved %1 to %2</source>
        <translation>%1 in %2 gespeichert</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Every action of the console and the keys that run it</source>
        <translation>Alle Aktionen der Konsole und die Tasten, die sie auslösen</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>Menüleiste</translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation>&amp;Profile</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source>Key filter</source>
        <translation>Schlüsselfilter</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <source>Namespaces with their key counts; open one to list its keys with TTL and size. Keys load a page at a time as the list scrolls.</source>
        <translation>Namensräume mit ihrer Schlüsselanzahl; einen öffnen listet seine Schlüssel mit TTL und Größe. Schlüssel werden seitenweise beim Scrollen geladen.</translation>
    </message>
    <message>
        <source>Key list message</source>
        <translation>Hinweis der Schlüsselliste</translation>
    </message>
    <message>
        <source>Value message</source>
        <translation>Hinweis des Wertebereichs</translation>
    </message>
    <message>
        <source>Live charts</source>
        <translation>Live-Diagramme</translation>
    </message>
    <message>
        <source>Not connected.
Connect to a cache server (%1) or start the embedded service (%2).</source>
        <translation>Nicht verbunden.
Mit einem Cache-Server verbinden (%1) oder den eingebetteten Dienst starten (%2).</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>The server refused the admin token.
Connect again with the right token (%1).</source>
        <translation>Der Server hat das Admin-Token abgelehnt.
Mit dem richtigen Token erneut verbinden (%1).</translation>
    </message>
    <message>
        <source>%1 is not reachable. The console keeps trying.</source>
        <translation>%1 ist nicht erreichbar. Die Konsole versucht es weiter.</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>The server holds no keys.</source>
        <translation>Der Server enthält keine Schlüssel.</translation>
    </message>
    <message>
        <source>No key matches “%1”.</source>
        <translation>Kein Schlüssel passt zu „%1“.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
    <message>
        <source>Not authorized: the server refused the admin token.</source>
        <translation>Nicht berechtigt: Der Server hat das Admin-Token abgelehnt.</translation>
    </message>
    <message>
        <source>Namespace “%1” holds no keys.</source>
        <translation>Namensraum „%1“ enthält keine Schlüssel.</translation>
    </message>
    <message>
        <source>Namespace “%1”: %2. Select a key to see its value.</source>
        <translation>Namensraum „%1“: %2. Wählen Sie einen Schlüssel, um seinen Wert zu sehen.</translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>Wählen Sie einen Schlüssel, um seinen Wert zu sehen.</translation>
    </message>
    <message>
        <source>Cannot read the token file %1: %2</source>
        <translation>Token-Datei %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1 (nur lesend)</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>Mit %1 verbinden</translation>
    </message>
    <message>
        <source>No profiles yet: save one in Connect…</source>
        <translation>Noch keine Profile: eines unter „Verbinden …“ speichern</translation>
    </message>
    <message>
        <source>The server is not reachable.</source>
        <translation>Der Server ist nicht erreichbar.</translation>
    </message>
    <message>
        <source>&amp;Biggest Keys…</source>
        <translation>&amp;Größte Schlüssel …</translation>
    </message>
    <message>
        <source>List the keys of the selected namespace that take the most memory</source>
        <translation>Die Schlüssel des gewählten Namensraums mit dem meisten Speicher auflisten</translation>
    </message>
    <message>
        <source>%1 is not among the loaded keys; filter for it to show it</source>
        <translation>%1 ist nicht unter den geladenen Schlüsseln; filtern Sie danach, um ihn zu zeigen</translation>
    </message>
    <message>
        <source>Connect</source>
        <comment>toolbar</comment>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Refresh</source>
        <comment>toolbar</comment>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Edit TTL</source>
        <comment>toolbar</comment>
        <translation>TTL ändern</translation>
    </message>
    <message>
        <source>Delete</source>
        <comment>toolbar</comment>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Clear Namespace</source>
        <comment>toolbar</comment>
        <translation>Namensraum leeren</translation>
    </message>
    <message>
        <source>Read-Only</source>
        <comment>toolbar</comment>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Demo Traffic</source>
        <comment>toolbar</comment>
        <translation>Demo-Verkehr</translation>
    </message>
</context>
<context>
    <name>qrc::ServerConnection</name>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbinde mit %1 …</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>Verbunden mit %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost at %2, reconnecting… (showing last data)</source>
        <translation>Verbindung zu %1 um %2 verloren, verbinde erneut … (letzte Daten werden angezeigt)</translation>
    </message>
    <message>
        <source>Unauthorized at %1: check the admin token</source>
        <translation>Keine Berechtigung bei %1: Admin-Token prüfen</translation>
    </message>
    <message>
        <source>%1 is unreachable, retrying…</source>
        <translation>%1 ist nicht erreichbar, neuer Versuch …</translation>
    </message>
</context>
<context>
    <name>qrc::StatsPanel</name>
    <message>
        <source>Hits</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>Fehlschläge</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>Trefferquote</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>Anfragen</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>Laufzeit</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>Schreibvorgänge</translation>
    </message>
    <message>
        <source>Deletes</source>
        <translation>Löschungen</translation>
    </message>
    <message>
        <source>Evictions</source>
        <translation>Verdrängungen</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Read / written</source>
        <translation>Gelesen / geschrieben</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>prefix %1</source>
        <translation>Präfix %1</translation>
    </message>
    <message>
        <source>default TTL %1</source>
        <translation>Standard-TTL %1</translation>
    </message>
    <message>
        <source>gzip from %1</source>
        <translation>gzip ab %1</translation>
    </message>
    <message>
        <source>no compression</source>
        <translation>keine Komprimierung</translation>
    </message>
    <message>
        <source>Server not reachable: these figures are from %1.</source>
        <translation>Server nicht erreichbar: diese Zahlen stammen von %1.</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Serving from Redis</source>
        <translation>Antwortet aus Redis</translation>
    </message>
    <message>
        <source>Memory fallback</source>
        <translation>Speicher-Ersatz</translation>
    </message>
    <message>
        <source>Redis is %1: the server answers from its in-memory store</source>
        <translation>Redis ist %1: der Server antwortet aus seinem Arbeitsspeicher</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>Redis is disabled on this server</source>
        <translation>Redis ist auf diesem Server deaktiviert</translation>
    </message>
    <message>
        <source>Redis connected</source>
        <translation>Redis verbunden</translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation>Redis nicht erreichbar</translation>
    </message>
    <message>
        <source>Redis disabled</source>
        <translation>Redis deaktiviert</translation>
    </message>
    <message>
        <source>%1 (last known)</source>
        <translation>%1 (zuletzt bekannt)</translation>
    </message>
    <message>
        <source>The server is not reachable; this was its backend when last seen</source>
        <translation>Der Server ist nicht erreichbar; dies war sein Backend beim letzten Kontakt</translation>
    </message>
    <message>
        <source>This server</source>
        <translation>Dieser Server</translation>
    </message>
    <message>
        <source>All instances</source>
        <translation>Alle Instanzen</translation>
    </message>
    <message>
        <source>Statistics scope</source>
        <translation>Umfang der Statistik</translation>
    </message>
    <message>
        <source>This server&apos;s counters, or the sum over every instance that shares its Redis</source>
        <translation>Die Zähler dieses Servers oder die Summe über alle Instanzen, die sein Redis teilen</translation>
    </message>
    <message numerus="yes">
        <source>Sum over %n instance(s) on this Redis</source>
        <translation>
            <numerusform>Summe über %n Instanz auf diesem Redis</numerusform>
            <numerusform>Summe über %n Instanzen auf diesem Redis</numerusform>
        </translation>
    </message>
    <message>
        <source>Only this server is counted: it is not using Redis now</source>
        <translation>Nur dieser Server wird gezählt: er verwendet Redis gerade nicht</translation>
    </message>
</context>
<context>
    <name>qrc::TextFindBar</name>
    <message>
        <source>F&amp;ind in value:</source>
        <translation>&amp;Im Wert suchen:</translation>
    </message>
    <message>
        <source>Text to find</source>
        <translation>Gesuchter Text</translation>
    </message>
    <message>
        <source>Find in value</source>
        <translation>Im Wert suchen</translation>
    </message>
    <message>
        <source>Highlights every match in the value; Enter or F3 finds the next, Shift+Enter or Shift+F3 the previous</source>
        <translation>Hebt jeden Treffer im Wert hervor; Eingabe oder F3 findet den nächsten, Umschalt+Eingabe oder Umschalt+F3 den vorigen</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Zurück</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>Voriger Treffer (Umschalt+F3)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Voriger Treffer</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>Nächster Treffer (F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Nächster Treffer</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Treffer</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>Keine Treffer</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
</context>
<context>
    <name>qrc::ValuePanel</name>
    <message>
        <source>Set &amp;TTL</source>
        <translation>&amp;TTL setzen</translation>
    </message>
    <message>
        <source>TT&amp;L (seconds):</source>
        <translation>TT&amp;L (Sekunden):</translation>
    </message>
    <message>
        <source>New time to live in seconds; the server caps it at its max TTL</source>
        <translation>Neue Lebensdauer in Sekunden; der Server begrenzt sie auf seine maximale TTL</translation>
    </message>
    <message>
        <source>Apply the new TTL (Enter)</source>
        <translation>Neue TTL übernehmen (Eingabetaste)</translation>
    </message>
    <message>
        <source>&amp;View as:</source>
        <translation>&amp;Anzeigen als:</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>Wählen Sie einen Schlüssel, um seinen Wert zu sehen.</translation>
    </message>
    <message>
        <source>No key selected</source>
        <translation>Kein Schlüssel ausgewählt</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Lade …</translation>
    </message>
    <message>
        <source>This key no longer exists.</source>
        <translation>Dieser Schlüssel existiert nicht mehr.</translation>
    </message>
    <message>
        <source>Could not read the value: %1</source>
        <translation>Der Wert konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Stored: %1%2</source>
        <translation>Gespeichert: %1%2</translation>
    </message>
    <message>
        <source> (gzip)</source>
        <translation> (gzip)</translation>
    </message>
    <message>
        <source>Value: %1</source>
        <translation>Wert: %1</translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation>läuft ab in %1</translation>
    </message>
    <message>
        <source>Show all (%1)</source>
        <translation>Alles anzeigen (%1)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Show the whole value</source>
        <translation>Den ganzen Wert zeigen</translation>
    </message>
    <message>
        <source>&amp;Wrap lines</source>
        <translation>&amp;Zeilen umbrechen</translation>
    </message>
    <message>
        <source>Loa&amp;d More</source>
        <translation>&amp;Mehr laden</translation>
    </message>
    <message>
        <source>Selected key</source>
        <translation>Gewählter Schlüssel</translation>
    </message>
    <message>
        <source>Type, stored size, memory and content type</source>
        <translation>Typ, gespeicherte Größe, Speicher und Inhaltstyp</translation>
    </message>
    <message>
        <source>TTL in seconds</source>
        <translation>TTL in Sekunden</translation>
    </message>
    <message>
        <source>Set TTL</source>
        <translation>TTL setzen</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Verbleibende Zeit</translation>
    </message>
    <message>
        <source>View as</source>
        <translation>Anzeigen als</translation>
    </message>
    <message>
        <source>How the value tab shows the decoded value</source>
        <translation>Wie der Reiter „Wert“ den dekodierten Wert zeigt</translation>
    </message>
    <message>
        <source>Value views</source>
        <translation>Wertansichten</translation>
    </message>
    <message>
        <source>Decoded value</source>
        <translation>Dekodierter Wert</translation>
    </message>
    <message>
        <source>The decoded value, exactly as stored</source>
        <translation>Der dekodierte Wert, genau wie gespeichert</translation>
    </message>
    <message>
        <source>Find in value</source>
        <translation>Im Wert suchen</translation>
    </message>
    <message>
        <source>Wrap lines</source>
        <translation>Zeilen umbrechen</translation>
    </message>
    <message>
        <source>Wrap long lines of the value at the view&apos;s edge</source>
        <translation>Lange Zeilen des Werts am Rand der Ansicht umbrechen</translation>
    </message>
    <message>
        <source>Val&amp;ue</source>
        <translation>&amp;Wert</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>JSON-Baum</translation>
    </message>
    <message>
        <source>JSON tree note</source>
        <translation>Hinweis zum JSON-Baum</translation>
    </message>
    <message>
        <source>The JSON value as a tree: members in stored order, numbers as written</source>
        <translation>Der JSON-Wert als Baum: Elemente in gespeicherter Reihenfolge, Zahlen wie geschrieben</translation>
    </message>
    <message>
        <source>E&amp;xpand All</source>
        <translation>Alle a&amp;ufklappen</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>Alle aufklappen</translation>
    </message>
    <message>
        <source>C&amp;ollapse All</source>
        <translation>Alle zu&amp;klappen</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>Alle zuklappen</translation>
    </message>
    <message>
        <source>Tr&amp;ee</source>
        <translation>&amp;Baum</translation>
    </message>
    <message>
        <source>Stored bytes</source>
        <translation>Gespeicherte Bytes</translation>
    </message>
    <message>
        <source>Stored form</source>
        <translation>Gespeicherte Form</translation>
    </message>
    <message>
        <source>The bytes as stored in the cache: offset, hex and printable text</source>
        <translation>Die Bytes wie im Cache gespeichert: Offset, Hex und druckbarer Text</translation>
    </message>
    <message>
        <source>&amp;Raw</source>
        <translation>&amp;Roh</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Members loaded</source>
        <translation>Geladene Elemente</translation>
    </message>
    <message>
        <source>Read-only members of the key, in the server&apos;s order; more load at the end</source>
        <translation>Elemente des Schlüssels, schreibgeschützt, in der Reihenfolge des Servers; am Ende wird mehr geladen</translation>
    </message>
    <message>
        <source>Load more members</source>
        <translation>Mehr Elemente laden</translation>
    </message>
    <message>
        <source>Me&amp;mbers</source>
        <translation>&amp;Elemente</translation>
    </message>
    <message>
        <source>Could not read the members: %1</source>
        <translation>Die Elemente konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>Speicher: %1</translation>
    </message>
    <message>
        <source>native framing (this library&apos;s header with content type and time)</source>
        <translation>eigenes Format (Kopf dieser Bibliothek mit Inhaltstyp und Zeit)</translation>
    </message>
    <message>
        <source>seed JSON (plain JSON text, no framing)</source>
        <translation>Seed-JSON (reiner JSON-Text, ohne Kopf)</translation>
    </message>
    <message>
        <source>seed gzip+base64 (the Python app&apos;s compressed format)</source>
        <translation>Seed gzip+base64 (das komprimierte Format der Python-Anwendung)</translation>
    </message>
    <message>
        <source>plain bytes (no framing)</source>
        <translation>reine Bytes (ohne Kopf)</translation>
    </message>
    <message>
        <source>gzip</source>
        <translation>gzip</translation>
    </message>
    <message>
        <source>gzip, then base64 text</source>
        <translation>gzip, dann Base64-Text</translation>
    </message>
    <message>
        <source>JSON, UTF-8</source>
        <translation>JSON, UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 text</source>
        <translation>UTF-8-Text</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>binär</translation>
    </message>
    <message>
        <source>Stored form: %1 · Compression: %2 · %3 stored · Decoded value: %4, %5</source>
        <translation>Gespeicherte Form: %1 · Kompression: %2 · %3 gespeichert · Dekodierter Wert: %4, %5</translation>
    </message>
    <message>
        <source>Loading members…</source>
        <translation>Lade Elemente …</translation>
    </message>
    <message numerus="yes">
        <source>All %n member(s) shown</source>
        <translation>
            <numerusform>%n Element angezeigt</numerusform>
            <numerusform>Alle %n Elemente angezeigt</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 members shown</source>
        <translation>%1 von %2 Elementen angezeigt</translation>
    </message>
    <message>
        <source>Members and selected member</source>
        <translation>Elemente und gewähltes Element</translation>
    </message>
    <message>
        <source>Selected member</source>
        <translation>Gewähltes Element</translation>
    </message>
    <message>
        <source>The whole value of the selected member</source>
        <translation>Der ganze Wert des gewählten Elements</translation>
    </message>
    <message>
        <source>Select a member to see all of its value.</source>
        <translation>Wählen Sie ein Element, um seinen ganzen Wert zu sehen.</translation>
    </message>
    <message>
        <source>Value panel</source>
        <translation>Wertebereich</translation>
    </message>
    <message>
        <source>The selected key: its value, tree, stored bytes or members</source>
        <translation>Der gewählte Schlüssel: sein Wert, Baum, gespeicherte Bytes oder Elemente</translation>
    </message>
    <message>
        <source>&amp;Bytes as:</source>
        <translation>B&amp;ytes als:</translation>
    </message>
    <message>
        <source>Hex and text</source>
        <translation>Hex und Text</translation>
    </message>
    <message>
        <source>Text (other bytes as \xNN)</source>
        <translation>Text (andere Bytes als \xNN)</translation>
    </message>
    <message>
        <source>Stored bytes as</source>
        <translation>Gespeicherte Bytes als</translation>
    </message>
    <message>
        <source>A hex dump with printable text beside it, or the bytes as text with the others escaped</source>
        <translation>Ein Hex-Dump mit druckbarem Text daneben, oder die Bytes als Text mit den übrigen maskiert</translation>
    </message>
</context>
</TS>

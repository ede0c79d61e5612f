<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>qrc::ChartsPanel</name>
    <message>
        <source>&amp;Namespace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Hit rate (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::ConnectionDialog</name>
    <message>
        <source>&amp;Remember the token on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use &amp;Redis at</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a cache server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only if the server requires one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in plain text in the console&apos;s settings file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Or run a cache service inside the console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts the cache and its management API on a free local port, for trying things out. Without Redis it keeps everything in memory.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;embedded service</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::Format</name>
    <message>
        <source>no expiry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1d %2h %3m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1h %2m %3s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::KeyTreeModel</name>
    <message>
        <source>Could not list namespaces: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list keys of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the TTL of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not delete keys: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not clear %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not clear the cache: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[filter: %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Namespace %1: %n key(s), %2 loaded</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>gzip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — double-click or F2 to change</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) stored</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::MainWindow</name>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Cache Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TTL of %1 set to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 no longer exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo traffic stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to a cache server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start &amp;Embedded Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run a cache service inside the console and connect to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disconnect from the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reload namespaces and loaded keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter Keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter keys by a glob such as user:*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy Key Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected key names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit &amp;TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the time to live of the selected key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Keys…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;Namespace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every key of the selected namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear &amp;All…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete every key of the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset &amp;Statistics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set every counter to zero</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Read-Only Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disable every action that changes or deletes data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Generate Demo &amp;Traffic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request the demo items continuously to exercise the cache</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About Cache Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Cache Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;Cache Console %1&lt;/h3&gt;&lt;p&gt;Browse, watch and manage a Qt Redis Cache server through its management API.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter keys (glob, Enter searches the namespace)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Typing narrows the loaded keys; Enter asks the server for every matching key of the selected namespace (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destructive actions are disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache Console — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Embedded service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The embedded service could not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cache Console — embedded service on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the admin token (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a namespace to search it on the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from namespace “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>from %n namespace(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) %1?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Clear namespace “%1”?

This deletes all %2 keys in it on the server. Other namespaces are not touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear namespace</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s) from %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the whole cache?

This deletes all %1 keys in %n namespace(s) on %2.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Reset statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset every counter and the history of %1 to zero?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not reset statistics: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Statistics reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::ServerConnection</name>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unauthorized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection to %1 lost at %2, reconnecting… (showing last data)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unauthorized at %1: check the admin token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is unreachable, retrying…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::StatsPanel</name>
    <message>
        <source>Hits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Misses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deletes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evictions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read / written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prefix %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default TTL %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gzip from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no compression</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server not reachable: these figures are from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serving from Redis</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory fallback</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis is %1: the server answers from its in-memory store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis is disabled on this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redis disabled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>qrc::ValuePanel</name>
    <message>
        <source>Set &amp;TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TT&amp;L (seconds):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New time to live in seconds; the server caps it at its max TTL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the new TTL (Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View as:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No key selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (gzip)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

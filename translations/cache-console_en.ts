<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>qrc::ChartsPanel</name>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qrc::JsonTreeModel</name>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n member}</numerusform>
            <numerusform>{%n members}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n element]</numerusform>
            <numerusform>[%n elements]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qrc::KeyTreeModel</name>
    <message numerus="yes">
        <source>Namespace %1: %n key(s), %2 loaded</source>
        <translation>
            <numerusform>Namespace %1: %n key, %2 loaded</numerusform>
            <numerusform>Namespace %1: %n keys, %2 loaded</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) stored</source>
        <translation>
            <numerusform>%n byte stored</numerusform>
            <numerusform>%n bytes stored</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qrc::MainWindow</name>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … and %n more</numerusform>
            <numerusform>  … and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>Last %n minute</numerusform>
            <numerusform>Last %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>from %n namespace(s)</source>
        <translation>
            <numerusform>from %n namespace</numerusform>
            <numerusform>from %n namespaces</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) %1?</source>
        <translation>
            <numerusform>Delete %n key %1?</numerusform>
            <numerusform>Delete %n keys %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s)</source>
        <translation>
            <numerusform>Deleted %n key</numerusform>
            <numerusform>Deleted %n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s) from %1</source>
        <translation>
            <numerusform>Cleared %n key from %1</numerusform>
            <numerusform>Cleared %n keys from %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the whole cache?

This deletes all %1 keys in %n namespace(s) on %2.</source>
        <translation>
            <numerusform>Clear the whole cache?

This deletes all %1 keys in %n namespace on %2.</numerusform>
            <numerusform>Clear the whole cache?

This deletes all %1 keys in %n namespaces on %2.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s)</source>
        <translation>
            <numerusform>Cleared %n key</numerusform>
            <numerusform>Cleared %n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 matching “%2” in %n namespace(s).</source>
        <translation>
            <numerusform>%1 matching “%2” in %n namespace.</numerusform>
            <numerusform>%1 matching “%2” in %n namespaces.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n key</numerusform>
            <numerusform>%n keys</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) matching “%1” from namespace “%2”?</source>
        <translation>
            <numerusform>Delete %n key matching “%1” from namespace “%2”?</numerusform>
            <numerusform>Delete %n keys matching “%1” from namespace “%2”?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s) from %1</source>
        <translation>
            <numerusform>Deleted %n key from %1</numerusform>
            <numerusform>Deleted %n keys from %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qrc::StatsPanel</name>
    <message numerus="yes">
        <source>Sum over %n instance(s) on this Redis</source>
        <translation>
            <numerusform>Sum over %n instance on this Redis</numerusform>
            <numerusform>Sum over %n instances on this Redis</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>qrc::ValuePanel</name>
    <message numerus="yes">
        <source>All %n member(s) shown</source>
        <translation>
            <numerusform>%n member shown</numerusform>
            <numerusform>All %n members shown</numerusform>
        </translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>qrc::BiggestKeysDialog</name>
    <message>
        <source>&amp;Scan Again</source>
        <translation>重新扫描(&amp;S)</translation>
    </message>
    <message>
        <source>Biggest Keys in %1</source>
        <translation>%1 中最大的键</translation>
    </message>
    <message>
        <source>Biggest keys</source>
        <translation>最大的键</translation>
    </message>
    <message>
        <source>The keys of namespace %1 taking the most memory, from a bounded sample</source>
        <translation>命名空间 %1 中占用内存最多的键(来自有限的抽样)</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>抽样</translation>
    </message>
    <message>
        <source>Largest first; double-click or Enter shows the key in the console</source>
        <translation>最大的在前;双击或按回车在控制台中显示该键</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Stored size</source>
        <translation>存储大小</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Scan again</source>
        <translation>重新扫描</translation>
    </message>
    <message>
        <source>Dialog buttons</source>
        <translation>对话框按钮</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Scanning up to %1 keys of %2…</source>
        <translation>正在扫描 %2 中最多 %1 个键…</translation>
    </message>
    <message>
        <source>Could not find the biggest keys: %1</source>
        <translation>无法找出最大的键:%1</translation>
    </message>
    <message>
        <source>Namespace %1 holds no keys.</source>
        <translation>命名空间 %1 中没有键。</translation>
    </message>
    <message>
        <source>The %1 largest of all %2 keys of %3, by memory.</source>
        <translation>%3 全部 %2 个键中按内存最大的 %1 个。</translation>
    </message>
    <message>
        <source>The %1 largest of a sample of %2 keys of %3, by memory: the namespace holds more, and only the first %4 keys the server scanned were compared.</source>
        <translation>%3 中 %2 个抽样键里按内存最大的 %1 个:该命名空间还有更多键,只比较了服务器扫描到的前 %4 个键。</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>qrc::ChartsPanel</name>
    <message>
        <source>&amp;Namespace:</source>
        <translation>命名空间(&amp;N):</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>&amp;Window:</source>
        <translation>时间窗口(&amp;W):</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <source>&amp;Per second</source>
        <translation>每秒(&amp;P)</translation>
    </message>
    <message>
        <source>Chart namespace</source>
        <translation>图表命名空间</translation>
    </message>
    <message>
        <source>The namespace whose traffic the charts show</source>
        <translation>图表显示其流量的命名空间</translation>
    </message>
    <message>
        <source>Show per-second hit rate</source>
        <translation>显示每秒命中率</translation>
    </message>
    <message>
        <source>Adds the hit rate of each second to its %1-second average</source>
        <translation>在 %1 秒平均值之外显示每一秒的命中率</translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>图表时间窗口</translation>
    </message>
    <message>
        <source>How far back the charts reach</source>
        <translation>图表回溯的时间范围</translation>
    </message>
    <message>
        <source>Hit rate (%1-second average)</source>
        <translation>命中率（%1 秒平均）</translation>
    </message>
    <message>
        <source>Hit rate chart</source>
        <translation>命中率图表</translation>
    </message>
    <message>
        <source>Requests per second chart</source>
        <translation>每秒请求数图表</translation>
    </message>
    <message>
        <source>req/s</source>
        <translation>请求/秒</translation>
    </message>
    <message>
        <source>%1: hit rate %2 % (%3-second average)</source>
        <translation>%1：命中率 %2%（%3 秒平均）</translation>
    </message>
    <message>
        <source>%1 % in that second</source>
        <translation>该秒为 %1%</translation>
    </message>
    <message>
        <source>%1: %2 requests per second</source>
        <translation>%1：每秒 %2 个请求</translation>
    </message>
    <message>
        <source>memory fallback %1–%2</source>
        <translation>内存回退 %1–%2</translation>
    </message>
    <message>
        <source>server unreachable %1–%2</source>
        <translation>服务器不可达 %1–%2</translation>
    </message>
    <message>
        <source>Shaded: %1.</source>
        <translation>阴影区域：%1。</translation>
    </message>
    <message>
        <source>Latest: %1 %.</source>
        <translation>最新：%1%。</translation>
    </message>
    <message>
        <source>No data yet.</source>
        <translation>尚无数据。</translation>
    </message>
    <message>
        <source>Latest: %1 requests per second.</source>
        <translation>最新：每秒 %1 个请求。</translation>
    </message>
</context>
<context>
    <name>qrc::ClearButton</name>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Empty this field</source>
        <translation>清空此字段</translation>
    </message>
</context>
<context>
    <name>qrc::CollapsibleSection</name>
    <message>
        <source>Expanded; press to collapse %1</source>
        <translation>已展开；按下以折叠 %1</translation>
    </message>
    <message>
        <source>Collapsed; press to show %1</source>
        <translation>已折叠；按下以显示 %1</translation>
    </message>
</context>
<context>
    <name>qrc::CollectionModel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Index</source>
        <translation>索引</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Entry ID</source>
        <translation>条目 ID</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
</context>
<context>
    <name>qrc::ConnectionDialog</name>
    <message>
        <source>&amp;Remember the token on this computer</source>
        <translation>在此计算机上记住令牌(&amp;R)</translation>
    </message>
    <message>
        <source>Use &amp;Redis at</source>
        <translation>使用 Redis 地址(&amp;R)</translation>
    </message>
    <message>
        <source>Connect to a cache server</source>
        <translation>连接到缓存服务器</translation>
    </message>
    <message>
        <source>Cache server</source>
        <translation>缓存服务器</translation>
    </message>
    <message>
        <source>Server &amp;URL:</source>
        <translation>服务器 URL(&amp;U):</translation>
    </message>
    <message>
        <source>only if the server requires one</source>
        <translation>仅当服务器要求时填写</translation>
    </message>
    <message>
        <source>Admin &amp;token:</source>
        <translation>管理令牌(&amp;T):</translation>
    </message>
    <message>
        <source>Stored in plain text in the console&apos;s settings file</source>
        <translation>以明文形式保存在控制台的设置文件中</translation>
    </message>
    <message>
        <source>Or run a cache service inside the console</source>
        <translation>或在控制台内运行缓存服务</translation>
    </message>
    <message>
        <source>Starts the cache and its management API on a free local port, for trying things out. Without Redis it keeps everything in memory.</source>
        <translation>在空闲的本地端口上启动缓存及其管理 API，便于试用。未使用 Redis 时，所有数据都保存在内存中。</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Start &amp;embedded service</source>
        <translation>启动内嵌服务(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Delete profile</source>
        <translation>删除配置(&amp;D)</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>配置</translation>
    </message>
    <message>
        <source>A saved connection: choosing one fills the fields; a new name saves them on Connect</source>
        <translation>已保存的连接：选择后填入各字段；输入新名称会在连接时保存</translation>
    </message>
    <message>
        <source>none (type a name to save these settings)</source>
        <translation>无（输入名称以保存这些设置）</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>配置(&amp;P)：</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器 URL</translation>
    </message>
    <message>
        <source>The cache server&apos;s address; the list holds recent ones</source>
        <translation>缓存服务器地址；列表中是最近使用的地址</translation>
    </message>
    <message>
        <source>Admin token</source>
        <translation>管理令牌</translation>
    </message>
    <message>
        <source>Token file</source>
        <translation>令牌文件</translation>
    </message>
    <message>
        <source>or a file that holds it</source>
        <translation>或包含令牌的文件</translation>
    </message>
    <message>
        <source>Token &amp;file:</source>
        <translation>令牌文件(&amp;F)：</translation>
    </message>
    <message>
        <source>Disable every action that changes or deletes data on this server</source>
        <translation>禁用所有会修改或删除此服务器数据的操作</translation>
    </message>
    <message>
        <source>Redis host</source>
        <translation>Redis 主机</translation>
    </message>
    <message>
        <source>Redis port</source>
        <translation>Redis 端口</translation>
    </message>
    <message>
        <source>Browse read-&amp;only</source>
        <translation>只读浏览(&amp;O)</translation>
    </message>
</context>
<context>
    <name>qrc::Format</name>
    <message>
        <source>no expiry</source>
        <translation>永不过期</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>%1d %2h %3m</source>
        <translation>%1天 %2时 %3分</translation>
    </message>
    <message>
        <source>%1h %2m %3s</source>
        <translation>%1时 %2分 %3秒</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1分 %2秒</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1秒</translation>
    </message>
</context>
<context>
    <name>qrc::JsonTreeModel</name>
    <message>
        <source>Not shown as a tree: the value is not JSON, or has more than %1 elements.</source>
        <translation>无法以树显示:该值不是 JSON,或包含超过 %1 个元素。</translation>
    </message>
    <message>
        <source>(root)</source>
        <translation>(根)</translation>
    </message>
    <message numerus="yes">
        <source>{%n member(s)}</source>
        <translation>
            <numerusform>{%n 个成员}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>[%n element(s)]</source>
        <translation>
            <numerusform>[%n 个元素]</numerusform>
        </translation>
    </message>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>array</source>
        <translation>数组</translation>
    </message>
    <message>
        <source>string</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>qrc::KeyTreeModel</name>
    <message>
        <source>Could not list namespaces: %1</source>
        <translation>无法列出命名空间：%1</translation>
    </message>
    <message>
        <source>Could not list keys of %1: %2</source>
        <translation>无法列出 %1 的键：%2</translation>
    </message>
    <message>
        <source>Could not change the TTL of %1: %2</source>
        <translation>无法修改 %1 的 TTL：%2</translation>
    </message>
    <message>
        <source>Could not delete keys: %1</source>
        <translation>无法删除键：%1</translation>
    </message>
    <message>
        <source>Could not clear %1: %2</source>
        <translation>无法清空 %1：%2</translation>
    </message>
    <message>
        <source>Could not clear the cache: %1</source>
        <translation>无法清空缓存：%1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>[filter: %1]</source>
        <translation>[筛选：%1]</translation>
    </message>
    <message numerus="yes">
        <source>Namespace %1: %n key(s), %2 loaded</source>
        <translation>
            <numerusform>命名空间 %1：%n 个键，已加载 %2 个</numerusform>
        </translation>
    </message>
    <message>
        <source>gzip</source>
        <translation>gzip</translation>
    </message>
    <message>
        <source>%1 — double-click or F2 to change</source>
        <translation>%1 — 双击或按 F2 修改</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s) stored</source>
        <translation>
            <numerusform>已存储 %n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>Key</source>
        <translation>键</translation>
    </message>
    <message>
        <source>TTL</source>
        <translation>TTL</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Compressed</source>
        <translation>压缩</translation>
    </message>
    <message>
        <source>[filter: %1: no matches]</source>
        <translation>[筛选：%1：无匹配]</translation>
    </message>
    <message>
        <source>String</source>
        <translation>字符串</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>List</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>集合</translation>
    </message>
    <message>
        <source>Sorted set</source>
        <translation>有序集合</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>流</translation>
    </message>
    <message>
        <source>%1 in memory; a %2 has no stored value</source>
        <translation>内存中 %1;%2 没有存储的值</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 in memory</source>
        <translation>内存中 %1</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>qrc::MainWindow</name>
    <message numerus="yes">
        <source>  … and %n more</source>
        <translation>
            <numerusform>  … 以及另外 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <source>Cache Console</source>
        <translation>缓存控制台</translation>
    </message>
    <message>
        <source>TTL of %1 set to %2</source>
        <translation>%1 的 TTL 已设为 %2</translation>
    </message>
    <message>
        <source>%1 no longer exists</source>
        <translation>%1 已不存在</translation>
    </message>
    <message>
        <source>Demo traffic stopped: %1</source>
        <translation>演示流量已停止：%1</translation>
    </message>
    <message>
        <source>&amp;Connect…</source>
        <translation>连接(&amp;C)…</translation>
    </message>
    <message>
        <source>Connect to a cache server</source>
        <translation>连接到缓存服务器</translation>
    </message>
    <message>
        <source>Start &amp;Embedded Service</source>
        <translation>启动内嵌服务(&amp;E)</translation>
    </message>
    <message>
        <source>Run a cache service inside the console and connect to it</source>
        <translation>在控制台内运行缓存服务并连接到它</translation>
    </message>
    <message>
        <source>&amp;Disconnect</source>
        <translation>断开连接(&amp;D)</translation>
    </message>
    <message>
        <source>Disconnect from the server</source>
        <translation>断开与服务器的连接</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Reload namespaces and loaded keys</source>
        <translation>重新加载命名空间和已加载的键</translation>
    </message>
    <message>
        <source>&amp;Filter Keys…</source>
        <translation>筛选键(&amp;F)…</translation>
    </message>
    <message>
        <source>Filter keys by a glob such as user:*</source>
        <translation>使用通配符（如 user:*）筛选键</translation>
    </message>
    <message>
        <source>&amp;Copy Key Name</source>
        <translation>复制键名(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the selected key names</source>
        <translation>复制所选键的名称</translation>
    </message>
    <message>
        <source>Edit &amp;TTL</source>
        <translation>编辑 TTL(&amp;T)</translation>
    </message>
    <message>
        <source>Change the time to live of the selected key</source>
        <translation>修改所选键的生存时间</translation>
    </message>
    <message>
        <source>&amp;Delete Keys…</source>
        <translation>删除键(&amp;D)…</translation>
    </message>
    <message>
        <source>Delete the selected keys</source>
        <translation>删除所选的键</translation>
    </message>
    <message>
        <source>Clear &amp;Namespace…</source>
        <translation>清空命名空间(&amp;N)…</translation>
    </message>
    <message>
        <source>Delete every key of the selected namespace</source>
        <translation>删除所选命名空间中的所有键</translation>
    </message>
    <message>
        <source>Clear &amp;All…</source>
        <translation>全部清空(&amp;A)…</translation>
    </message>
    <message>
        <source>Delete every key of the cache</source>
        <translation>删除缓存中的所有键</translation>
    </message>
    <message>
        <source>Reset &amp;Statistics…</source>
        <translation>重置统计(&amp;S)…</translation>
    </message>
    <message>
        <source>Set every counter to zero</source>
        <translation>将所有计数器归零</translation>
    </message>
    <message>
        <source>&amp;Read-Only Mode</source>
        <translation>只读模式(&amp;R)</translation>
    </message>
    <message>
        <source>Disable every action that changes or deletes data</source>
        <translation>禁用所有修改或删除数据的操作</translation>
    </message>
    <message>
        <source>Generate Demo &amp;Traffic</source>
        <translation>生成演示流量(&amp;T)</translation>
    </message>
    <message>
        <source>Request the demo items continuously to exercise the cache</source>
        <translation>持续请求演示条目以测试缓存</translation>
    </message>
    <message>
        <source>&amp;About Cache Console</source>
        <translation>关于缓存控制台(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>Last %n minute(s)</source>
        <translation>
            <numerusform>最近 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Chart window</source>
        <translation>图表时间窗口</translation>
    </message>
    <message>
        <source>About Cache Console</source>
        <translation>关于缓存控制台</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Cache Console %1&lt;/h3&gt;&lt;p&gt;Browse, watch and manage a Qt Redis Cache server through its management API.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;缓存控制台 %1&lt;/h3&gt;&lt;p&gt;通过管理 API 浏览、监视和管理 Qt Redis Cache 服务器。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Keys</source>
        <translation>键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Statistics</source>
        <translation>统计(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Filter keys (glob, Enter searches the namespace)</source>
        <translation>筛选键（通配符，按回车在命名空间中搜索）</translation>
    </message>
    <message>
        <source>Typing narrows the loaded keys; Enter asks the server for every matching key of the selected namespace (%1)</source>
        <translation>输入内容会筛选已加载的键；按回车会向服务器查询所选命名空间中所有匹配的键（%1）</translation>
    </message>
    <message>
        <source>Statistics</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Destructive actions are disabled</source>
        <translation>破坏性操作已禁用</translation>
    </message>
    <message>
        <source>Embedded service</source>
        <translation>内嵌服务</translation>
    </message>
    <message>
        <source>The embedded service could not start: %1</source>
        <translation>内嵌服务无法启动：%1</translation>
    </message>
    <message>
        <source>The server refused the admin token (%1)</source>
        <translation>服务器拒绝了管理令牌（%1）</translation>
    </message>
    <message>
        <source>from namespace “%1”</source>
        <translation>（命名空间“%1”）</translation>
    </message>
    <message numerus="yes">
        <source>from %n namespace(s)</source>
        <translation>
            <numerusform>（%n 个命名空间）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) %1?</source>
        <translation>
            <numerusform>删除 %n 个键%1？</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys</source>
        <translation>删除键</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s)</source>
        <translation>
            <numerusform>已删除 %n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear namespace “%1”?

This deletes all %2 keys in it on the server. Other namespaces are not touched.</source>
        <translation>清空命名空间“%1”？

这将删除服务器上该命名空间中的全部 %2 个键。其他命名空间不受影响。</translation>
    </message>
    <message>
        <source>Clear namespace</source>
        <translation>清空命名空间</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s) from %1</source>
        <translation>
            <numerusform>已从 %1 清除 %n 个键</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the whole cache?

This deletes all %1 keys in %n namespace(s) on %2.</source>
        <translation>
            <numerusform>清空整个缓存？

这将删除 %2 上 %n 个命名空间中的全部 %1 个键。</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清空</translation>
    </message>
    <message numerus="yes">
        <source>Cleared %n key(s)</source>
        <translation>
            <numerusform>已清除 %n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>Reset statistics</source>
        <translation>重置统计</translation>
    </message>
    <message>
        <source>Reset every counter and the history of %1 to zero?</source>
        <translation>将 %1 的所有计数器和历史记录归零？</translation>
    </message>
    <message>
        <source>Could not reset statistics: %1</source>
        <translation>无法重置统计：%1</translation>
    </message>
    <message>
        <source>Statistics reset</source>
        <translation>统计已重置</translation>
    </message>
    <message>
        <source>The server uses Redis again: keys reloaded</source>
        <translation>服务器重新使用 Redis：已重新加载键</translation>
    </message>
    <message>
        <source>The server fell back to memory: keys reloaded</source>
        <translation>服务器已回退到内存：已重新加载键</translation>
    </message>
    <message>
        <source>Only keys under the prefix “%1:” are listed; other keys in this Redis database are not shown.</source>
        <translation>仅列出前缀“%1:”下的键；此 Redis 数据库中的其他键不显示。</translation>
    </message>
    <message>
        <source>&amp;Search All Namespaces</source>
        <translation>搜索所有命名空间(&amp;S)</translation>
    </message>
    <message>
        <source>Search every namespace on the server for keys matching the filter</source>
        <translation>在服务器的所有命名空间中搜索与筛选条件匹配的键</translation>
    </message>
    <message>
        <source>Delete Keys &amp;Matching…</source>
        <translation>删除匹配的键(&amp;M)…</translation>
    </message>
    <message>
        <source>Delete the keys of the selected namespace that match a pattern</source>
        <translation>删除所选命名空间中与模式匹配的键</translation>
    </message>
    <message>
        <source>Copy &amp;Value</source>
        <translation>复制值(&amp;V)</translation>
    </message>
    <message>
        <source>Copy the value shown</source>
        <translation>复制显示的值</translation>
    </message>
    <message>
        <source>Copy &amp;Full Redis Key</source>
        <translation>复制完整 Redis 键(&amp;F)</translation>
    </message>
    <message>
        <source>Copy the key as stored in Redis, with prefix and namespace</source>
        <translation>按 Redis 中存储的形式复制键，包括前缀和命名空间</translation>
    </message>
    <message>
        <source>&amp;Export Value…</source>
        <translation>导出值(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the value, exactly as stored, to a file</source>
        <translation>将值按存储的原样保存到文件</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>List every action and its shortcut</source>
        <translation>列出所有操作及其快捷键</translation>
    </message>
    <message>
        <source>Embedded service on port %1</source>
        <translation>端口 %1 上的内嵌服务</translation>
    </message>
    <message>
        <source>Search all namespaces</source>
        <translation>搜索所有命名空间</translation>
    </message>
    <message>
        <source>Keys matching (a glob such as user:*, or a word):</source>
        <translation>匹配的键（如 user:* 的通配模式，或一个词）：</translation>
    </message>
    <message>
        <source>Search failed: %1</source>
        <translation>搜索失败：%1</translation>
    </message>
    <message>
        <source>No key matches “%1” in any namespace.</source>
        <translation>没有任何命名空间中的键匹配“%1”。</translation>
    </message>
    <message numerus="yes">
        <source>%1 matching “%2” in %n namespace(s).</source>
        <translation>
            <numerusform>%n 个命名空间中有 %1 匹配“%2”。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n key(s)</source>
        <translation>
            <numerusform>%n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete keys matching</source>
        <translation>删除匹配的键</translation>
    </message>
    <message>
        <source>Delete the keys of namespace “%1” that match (glob, \ makes * ? [ literal):</source>
        <translation>删除命名空间“%1”中匹配以下模式的键（通配模式，\ 使 * ? [ 按字面匹配）：</translation>
    </message>
    <message>
        <source>Could not count the keys: %1</source>
        <translation>无法统计键：%1</translation>
    </message>
    <message>
        <source>No key of %1 matches “%2”</source>
        <translation>%1 中没有键匹配“%2”</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n key(s) matching “%1” from namespace “%2”?</source>
        <translation>
            <numerusform>从命名空间“%2”中删除 %n 个匹配“%1”的键？</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not delete: %1</source>
        <translation>无法删除：%1</translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n key(s) from %1</source>
        <translation>
            <numerusform>已从 %1 删除 %n 个键</numerusform>
        </translation>
    </message>
    <message>
        <source>Export value</source>
        <translation>导出值</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>Saved %1 to %2</source>
        <translation>已将 %1 保存到 %2</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Every action of the console and the keys that run it</source>
        <translation>控制台的所有操作及触发它们的按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>Menu bar</source>
        <translation>菜单栏</translation>
    </message>
    <message>
        <source>&amp;Profiles</source>
        <translation>配置(&amp;P)</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Key filter</source>
        <translation>键过滤器</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>键</translation>
    </message>
    <message>
        <source>Namespaces with their key counts; open one to list its keys with TTL and size. Keys load a page at a time as the list scrolls.</source>
        <translation>命名空间及其键数量；展开后列出其键及 TTL 和大小。滚动时按页加载键。</translation>
    </message>
    <message>
        <source>Key list message</source>
        <translation>键列表提示</translation>
    </message>
    <message>
        <source>Value message</source>
        <translation>值区域提示</translation>
    </message>
    <message>
        <source>Live charts</source>
        <translation>实时图表</translation>
    </message>
    <message>
        <source>Not connected.
Connect to a cache server (%1) or start the embedded service (%2).</source>
        <translation>未连接。
连接到缓存服务器（%1）或启动嵌入式服务（%2）。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>The server refused the admin token.
Connect again with the right token (%1).</source>
        <translation>服务器拒绝了管理令牌。
请使用正确的令牌重新连接（%1）。</translation>
    </message>
    <message>
        <source>%1 is not reachable. The console keeps trying.</source>
        <translation>%1 不可达。控制台会继续重试。</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The server holds no keys.</source>
        <translation>服务器中没有键。</translation>
    </message>
    <message>
        <source>No key matches “%1”.</source>
        <translation>没有与“%1”匹配的键。</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>未连接。</translation>
    </message>
    <message>
        <source>Not authorized: the server refused the admin token.</source>
        <translation>未授权：服务器拒绝了管理令牌。</translation>
    </message>
    <message>
        <source>Namespace “%1” holds no keys.</source>
        <translation>命名空间“%1”中没有键。</translation>
    </message>
    <message>
        <source>Namespace “%1”: %2. Select a key to see its value.</source>
        <translation>命名空间“%1”：%2。选择一个键以查看其值。</translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>选择一个键以查看其值。</translation>
    </message>
    <message>
        <source>Cannot read the token file %1: %2</source>
        <translation>无法读取令牌文件 %1：%2</translation>
    </message>
    <message>
        <source>%1 (read-only)</source>
        <translation>%1（只读）</translation>
    </message>
    <message>
        <source>Connect to %1</source>
        <translation>连接到 %1</translation>
    </message>
    <message>
        <source>No profiles yet: save one in Connect…</source>
        <translation>尚无配置：请在“连接…”中保存</translation>
    </message>
    <message>
        <source>The server is not reachable.</source>
        <translation>服务器不可达。</translation>
    </message>
    <message>
        <source>&amp;Biggest Keys…</source>
        <translation>最大的键(&amp;B)…</translation>
    </message>
    <message>
        <source>List the keys of the selected namespace that take the most memory</source>
        <translation>列出所选命名空间中占用内存最多的键</translation>
    </message>
    <message>
        <source>%1 is not among the loaded keys; filter for it to show it</source>
        <translation>%1 不在已加载的键中;请用筛选找到它</translation>
    </message>
    <message>
        <source>Connect</source>
        <comment>toolbar</comment>
        <translation>连接</translation>
    </message>
    <message>
        <source>Refresh</source>
        <comment>toolbar</comment>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Edit TTL</source>
        <comment>toolbar</comment>
        <translation>编辑 TTL</translation>
    </message>
    <message>
        <source>Delete</source>
        <comment>toolbar</comment>
        <translation>删除</translation>
    </message>
    <message>
        <source>Clear Namespace</source>
        <comment>toolbar</comment>
        <translation>清空命名空间</translation>
    </message>
    <message>
        <source>Read-Only</source>
        <comment>toolbar</comment>
        <translation>只读</translation>
    </message>
    <message>
        <source>Demo Traffic</source>
        <comment>toolbar</comment>
        <translation>演示流量</translation>
    </message>
</context>
<context>
    <name>qrc::ServerConnection</name>
    <message>
        <source>Not connected</source>
        <translation>未连接</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接到 %1…</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation>已连接到 %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost at %2, reconnecting… (showing last data)</source>
        <translation>与 %1 的连接于 %2 断开，正在重新连接…（显示最后的数据）</translation>
    </message>
    <message>
        <source>Unauthorized at %1: check the admin token</source>
        <translation>在 %1 未获授权：请检查管理令牌</translation>
    </message>
    <message>
        <source>%1 is unreachable, retrying…</source>
        <translation>%1 无法访问，正在重试…</translation>
    </message>
</context>
<context>
    <name>qrc::StatsPanel</name>
    <message>
        <source>Hits</source>
        <translation>命中</translation>
    </message>
    <message>
        <source>Misses</source>
        <translation>未命中</translation>
    </message>
    <message>
        <source>Hit rate</source>
        <translation>命中率</translation>
    </message>
    <message>
        <source>Requests</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Uptime</source>
        <translation>运行时间</translation>
    </message>
    <message>
        <source>Sets</source>
        <translation>写入</translation>
    </message>
    <message>
        <source>Deletes</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Evictions</source>
        <translation>逐出</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Read / written</source>
        <translation>读取 / 写入</translation>
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
        <translation>前缀 %1</translation>
    </message>
    <message>
        <source>default TTL %1</source>
        <translation>默认 TTL %1</translation>
    </message>
    <message>
        <source>gzip from %1</source>
        <translation>%1 起使用 gzip</translation>
    </message>
    <message>
        <source>no compression</source>
        <translation>不压缩</translation>
    </message>
    <message>
        <source>Server not reachable: these figures are from %1.</source>
        <translation>服务器无法访问：这些数据来自 %1。</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>Redis</source>
        <translation>Redis</translation>
    </message>
    <message>
        <source>Serving from Redis</source>
        <translation>正在使用 Redis 提供服务</translation>
    </message>
    <message>
        <source>Memory fallback</source>
        <translation>内存回退</translation>
    </message>
    <message>
        <source>Redis is %1: the server answers from its in-memory store</source>
        <translation>Redis 状态为 %1：服务器正在使用内存存储应答</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Redis is disabled on this server</source>
        <translation>此服务器已禁用 Redis</translation>
    </message>
    <message>
        <source>Redis connected</source>
        <translation>Redis 已连接</translation>
    </message>
    <message>
        <source>Redis unreachable</source>
        <translation>Redis 无法访问</translation>
    </message>
    <message>
        <source>Redis disabled</source>
        <translation>Redis 已禁用</translation>
    </message>
    <message>
        <source>%1 (last known)</source>
        <translation>%1（最后已知）</translation>
    </message>
    <message>
        <source>The server is not reachable; this was its backend when last seen</source>
        <translation>服务器无法访问；这是上次连接时的后端</translation>
    </message>
    <message>
        <source>This server</source>
        <translation>此服务器</translation>
    </message>
    <message>
        <source>All instances</source>
        <translation>所有实例</translation>
    </message>
    <message>
        <source>Statistics scope</source>
        <translation>统计范围</translation>
    </message>
    <message>
        <source>This server&apos;s counters, or the sum over every instance that shares its Redis</source>
        <translation>此服务器的计数，或共享其 Redis 的所有实例的总和</translation>
    </message>
    <message numerus="yes">
        <source>Sum over %n instance(s) on this Redis</source>
        <translation>
            <numerusform>此 Redis 上 %n 个实例的总和</numerusform>
        </translation>
    </message>
    <message>
        <source>Only this server is counted: it is not using Redis now</source>
        <translation>仅统计此服务器：它当前未使用 Redis</translation>
    </message>
</context>
<context>
    <name>qrc::TextFindBar</name>
    <message>
        <source>F&amp;ind in value:</source>
        <translation>在值中查找(&amp;I):</translation>
    </message>
    <message>
        <source>Text to find</source>
        <translation>要查找的文本</translation>
    </message>
    <message>
        <source>Find in value</source>
        <translation>在值中查找</translation>
    </message>
    <message>
        <source>Highlights every match in the value; Enter or F3 finds the next, Shift+Enter or Shift+F3 the previous</source>
        <translation>高亮值中的每个匹配项;回车或 F3 查找下一个,Shift+回车或 Shift+F3 查找上一个</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Previous match (Shift+F3)</source>
        <translation>上一个匹配项(Shift+F3)</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>上一个匹配项</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Next match (F3)</source>
        <translation>下一个匹配项(F3)</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>下一个匹配项</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>匹配项</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>无匹配项</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个,共 %2 个</translation>
    </message>
</context>
<context>
    <name>qrc::ValuePanel</name>
    <message>
        <source>Set &amp;TTL</source>
        <translation>设置 TTL(&amp;T)</translation>
    </message>
    <message>
        <source>TT&amp;L (seconds):</source>
        <translation>TTL（秒）(&amp;L):</translation>
    </message>
    <message>
        <source>New time to live in seconds; the server caps it at its max TTL</source>
        <translation>新的生存时间（秒）；服务器会将其限制在最大 TTL 以内</translation>
    </message>
    <message>
        <source>Apply the new TTL (Enter)</source>
        <translation>应用新的 TTL（回车）</translation>
    </message>
    <message>
        <source>&amp;View as:</source>
        <translation>显示为(&amp;V):</translation>
    </message>
    <message>
        <source>Auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <source>Select a key to see its value.</source>
        <translation>选择一个键以查看其值。</translation>
    </message>
    <message>
        <source>No key selected</source>
        <translation>未选择键</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>This key no longer exists.</source>
        <translation>此键已不存在。</translation>
    </message>
    <message>
        <source>Could not read the value: %1</source>
        <translation>无法读取值：%1</translation>
    </message>
    <message>
        <source>Stored: %1%2</source>
        <translation>存储：%1%2</translation>
    </message>
    <message>
        <source> (gzip)</source>
        <translation>（gzip）</translation>
    </message>
    <message>
        <source>Value: %1</source>
        <translation>值：%1</translation>
    </message>
    <message>
        <source>expires in %1</source>
        <translation>%1 后过期</translation>
    </message>
    <message>
        <source>Show all (%1)</source>
        <translation>全部显示（%1）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Show the whole value</source>
        <translation>显示完整的值</translation>
    </message>
    <message>
        <source>&amp;Wrap lines</source>
        <translation>自动换行(&amp;W)</translation>
    </message>
    <message>
        <source>Loa&amp;d More</source>
        <translation>加载更多(&amp;D)</translation>
    </message>
    <message>
        <source>Selected key</source>
        <translation>所选键</translation>
    </message>
    <message>
        <source>Type, stored size, memory and content type</source>
        <translation>类型、存储大小、内存和内容类型</translation>
    </message>
    <message>
        <source>TTL in seconds</source>
        <translation>TTL(秒)</translation>
    </message>
    <message>
        <source>Set TTL</source>
        <translation>设置 TTL</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余时间</translation>
    </message>
    <message>
        <source>View as</source>
        <translation>显示为</translation>
    </message>
    <message>
        <source>How the value tab shows the decoded value</source>
        <translation>“值”标签页如何显示解码后的值</translation>
    </message>
    <message>
        <source>Value views</source>
        <translation>值视图</translation>
    </message>
    <message>
        <source>Decoded value</source>
        <translation>解码后的值</translation>
    </message>
    <message>
        <source>The decoded value, exactly as stored</source>
        <translation>解码后的值,与存储内容完全一致</translation>
    </message>
    <message>
        <source>Find in value</source>
        <translation>在值中查找</translation>
    </message>
    <message>
        <source>Wrap lines</source>
        <translation>自动换行</translation>
    </message>
    <message>
        <source>Wrap long lines of the value at the view&apos;s edge</source>
        <translation>在视图边缘处折行显示值的长行</translation>
    </message>
    <message>
        <source>Val&amp;ue</source>
        <translation>值(&amp;U)</translation>
    </message>
    <message>
        <source>JSON tree</source>
        <translation>JSON 树</translation>
    </message>
    <message>
        <source>JSON tree note</source>
        <translation>JSON 树提示</translation>
    </message>
    <message>
        <source>The JSON value as a tree: members in stored order, numbers as written</source>
        <translation>以树显示的 JSON 值:成员保持存储顺序,数字保持原样</translation>
    </message>
    <message>
        <source>E&amp;xpand All</source>
        <translation>全部展开(&amp;X)</translation>
    </message>
    <message>
        <source>Expand all</source>
        <translation>全部展开</translation>
    </message>
    <message>
        <source>C&amp;ollapse All</source>
        <translation>全部折叠(&amp;O)</translation>
    </message>
    <message>
        <source>Collapse all</source>
        <translation>全部折叠</translation>
    </message>
    <message>
        <source>Tr&amp;ee</source>
        <translation>树(&amp;E)</translation>
    </message>
    <message>
        <source>Stored bytes</source>
        <translation>存储的字节</translation>
    </message>
    <message>
        <source>Stored form</source>
        <translation>存储形式</translation>
    </message>
    <message>
        <source>The bytes as stored in the cache: offset, hex and printable text</source>
        <translation>缓存中存储的字节:偏移量、十六进制和可打印文本</translation>
    </message>
    <message>
        <source>&amp;Raw</source>
        <translation>原始(&amp;R)</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <source>Members loaded</source>
        <translation>已加载的成员</translation>
    </message>
    <message>
        <source>Read-only members of the key, in the server&apos;s order; more load at the end</source>
        <translation>该键的只读成员,按服务器顺序排列;滚动到末尾时加载更多</translation>
    </message>
    <message>
        <source>Load more members</source>
        <translation>加载更多成员</translation>
    </message>
    <message>
        <source>Me&amp;mbers</source>
        <translation>成员(&amp;M)</translation>
    </message>
    <message>
        <source>Could not read the members: %1</source>
        <translation>无法读取成员:%1</translation>
    </message>
    <message>
        <source>Memory: %1</source>
        <translation>内存:%1</translation>
    </message>
    <message>
        <source>native framing (this library&apos;s header with content type and time)</source>
        <translation>原生封装(本库的头部,含内容类型和时间)</translation>
    </message>
    <message>
        <source>seed JSON (plain JSON text, no framing)</source>
        <translation>seed JSON(纯 JSON 文本,无封装)</translation>
    </message>
    <message>
        <source>seed gzip+base64 (the Python app&apos;s compressed format)</source>
        <translation>seed gzip+base64(Python 应用的压缩格式)</translation>
    </message>
    <message>
        <source>plain bytes (no framing)</source>
        <translation>纯字节(无封装)</translation>
    </message>
    <message>
        <source>gzip</source>
        <translation>gzip</translation>
    </message>
    <message>
        <source>gzip, then base64 text</source>
        <translation>gzip,再编码为 base64 文本</translation>
    </message>
    <message>
        <source>JSON, UTF-8</source>
        <translation>JSON,UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 text</source>
        <translation>UTF-8 文本</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二进制</translation>
    </message>
    <message>
        <source>Stored form: %1 · Compression: %2 · %3 stored · Decoded value: %4, %5</source>
        <translation>存储形式:%1 · 压缩:%2 · 存储 %3 · 解码后的值:%4,%5</translation>
    </message>
    <message>
        <source>Loading members…</source>
        <translation>正在加载成员…</translation>
    </message>
    <message numerus="yes">
        <source>All %n member(s) shown</source>
        <translation>
            <numerusform>已显示全部 %n 个成员</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 members shown</source>
        <translation>已显示 %2 个成员中的 %1 个</translation>
    </message>
    <message>
        <source>Members and selected member</source>
        <translation>成员与所选成员</translation>
    </message>
    <message>
        <source>Selected member</source>
        <translation>所选成员</translation>
    </message>
    <message>
        <source>The whole value of the selected member</source>
        <translation>所选成员的完整值</translation>
    </message>
    <message>
        <source>Select a member to see all of its value.</source>
        <translation>选择一个成员以查看其完整的值。</translation>
    </message>
    <message>
        <source>Value panel</source>
        <translation>值面板</translation>
    </message>
    <message>
        <source>The selected key: its value, tree, stored bytes or members</source>
        <translation>所选键:其值、树、存储的字节或成员</translation>
    </message>
    <message>
        <source>&amp;Bytes as:</source>
        <translation>字节显示为(&amp;B):</translation>
    </message>
    <message>
        <source>Hex and text</source>
        <translation>十六进制和文本</translation>
    </message>
    <message>
        <source>Text (other bytes as \xNN)</source>
        <translation>文本(其他字节显示为 \xNN)</translation>
    </message>
    <message>
        <source>Stored bytes as</source>
        <translation>存储的字节显示为</translation>
    </message>
    <message>
        <source>A hex dump with printable text beside it, or the bytes as text with the others escaped</source>
        <translation>十六进制转储并在旁显示可打印文本,或将字节显示为文本并转义其余字节</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>OrderBoardWidget</name>
    <message>
        <source>Filter by order, rider, merchant, depot or customer</source>
        <translation>按订单、骑手、商户、站点或顾客筛选</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状态：</translation>
    </message>
</context>
<context>
    <name>OrderState</name>
    <message>
        <source>Created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已挂起</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>Delivering</source>
        <translation>配送中</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Returning</source>
        <translation>退回中</translation>
    </message>
    <message>
        <source>Claiming</source>
        <translation>理赔中</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>PluginsDialog</name>
    <message>
        <source>Plugins</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>Loaded plugins, in load order:</source>
        <translation>已加载的插件（按加载顺序）：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>标识</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Depends on</source>
        <translation>依赖</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Plugins that were skipped:</source>
        <translation>被跳过的插件：</translation>
    </message>
    <message>
        <source>Plugin</source>
        <translation>插件</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>OpsDeck operations console</source>
        <translation>OpsDeck 运营控制台</translation>
    </message>
    <message>
        <source>Gateway feed endpoint (PUB). Without it an embedded gateway starts.</source>
        <translation>网关推送端点（PUB）。未指定时启动内置网关。</translation>
    </message>
    <message>
        <source>Gateway snapshot endpoint (ROUTER).</source>
        <translation>网关快照端点（ROUTER）。</translation>
    </message>
    <message>
        <source>Gateway control endpoint (ROUTER).</source>
        <translation>网关控制端点（ROUTER）。</translation>
    </message>
    <message>
        <source>Watch only this depot (repeatable).</source>
        <translation>只关注此站点（可重复指定）。</translation>
    </message>
    <message>
        <source>SQLite database file.</source>
        <translation>SQLite 数据库文件。</translation>
    </message>
    <message>
        <source>Ingest and persist without a window.</source>
        <translation>无窗口模式：只接收并保存数据。</translation>
    </message>
    <message>
        <source>Stop after this many seconds.</source>
        <translation>运行指定秒数后停止。</translation>
    </message>
    <message>
        <source>Seed of the embedded gateway.</source>
        <translation>内置网关的随机种子。</translation>
    </message>
    <message>
        <source>Riders in the embedded gateway.</source>
        <translation>内置网关中的骑手数量。</translation>
    </message>
    <message>
        <source>Order intake of the embedded gateway.</source>
        <translation>内置网关的下单速率。</translation>
    </message>
    <message>
        <source>Settings file (INI).</source>
        <translation>设置文件（INI）。</translation>
    </message>
    <message>
        <source>User interface language (en, zh_CN).</source>
        <translation>界面语言（en、zh_CN）。</translation>
    </message>
    <message>
        <source>Role: dispatcher, customer_service, ops_manager, merchant.</source>
        <translation>角色：dispatcher（调度）、customer_service（客服）、ops_manager（运营经理）、merchant（商户）。</translation>
    </message>
    <message>
        <source>User name for the audit trail.</source>
        <translation>用于审计记录的用户名。</translation>
    </message>
    <message>
        <source>unexpected argument: %1</source>
        <translation>意外的参数：%1</translation>
    </message>
    <message>
        <source>--feed needs --snapshot and --control as well</source>
        <translation>--feed 还需要同时指定 --snapshot 和 --control</translation>
    </message>
    <message>
        <source>--snapshot and --control need --feed</source>
        <translation>--snapshot 和 --control 需要 --feed</translation>
    </message>
    <message>
        <source>--duration must be a number of seconds ≥ 0</source>
        <translation>--duration 必须是 ≥ 0 的秒数</translation>
    </message>
    <message>
        <source>--seed must be a whole number</source>
        <translation>--seed 必须是整数</translation>
    </message>
    <message>
        <source>--riders must be a whole number ≥ 1</source>
        <translation>--riders 必须是 ≥ 1 的整数</translation>
    </message>
    <message>
        <source>--orders-per-min must be a positive number</source>
        <translation>--orders-per-min 必须是正数</translation>
    </message>
    <message>
        <source>unknown role: %1</source>
        <translation>未知角色：%1</translation>
    </message>
    <message>
        <source>Export the console&apos;s database</source>
        <translation>导出控制台数据库</translation>
    </message>
    <message>
        <source>orders, events or rejected</source>
        <translation>orders、events 或 rejected</translation>
    </message>
    <message>
        <source>csv or jsonl</source>
        <translation>csv 或 jsonl</translation>
    </message>
    <message>
        <source>Include unmasked customer names, phones and addresses.</source>
        <translation>包含未脱敏的客户姓名、电话和地址。</translation>
    </message>
    <message>
        <source>OpsDeck</source>
        <translation>OpsDeck</translation>
    </message>
    <message>
        <source>The console could not start: %1</source>
        <translation>控制台无法启动：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::FeedStatusBar</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>数据停滞</translation>
    </message>
    <message>
        <source>Resyncing</source>
        <translation>重新同步中</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>wrong frame count</source>
        <translation>帧数错误</translation>
    </message>
    <message>
        <source>oversize</source>
        <translation>消息过大</translation>
    </message>
    <message>
        <source>malformed JSON</source>
        <translation>JSON 格式错误</translation>
    </message>
    <message>
        <source>unknown protocol version</source>
        <translation>未知协议版本</translation>
    </message>
    <message>
        <source>missing field</source>
        <translation>缺少字段</translation>
    </message>
    <message>
        <source>wrong type</source>
        <translation>类型错误</translation>
    </message>
    <message>
        <source>bad value</source>
        <translation>取值无效</translation>
    </message>
    <message>
        <source>unknown event type</source>
        <translation>未知事件类型</translation>
    </message>
    <message>
        <source>topic mismatch</source>
        <translation>主题不匹配</translation>
    </message>
    <message>
        <source>Events that broke the order state machine: kept, not applied</source>
        <translation>违反订单状态机的事件：已保留，未应用</translation>
    </message>
    <message>
        <source>Feed state</source>
        <translation>数据流状态</translation>
    </message>
    <message>
        <source>%1 ev/s</source>
        <translation>%1 事件/秒</translation>
    </message>
    <message>
        <source>Accepted live events per second (total %1)</source>
        <translation>每秒接收的实时事件（累计 %1）</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>no depots yet</source>
        <translation>暂无站点</translation>
    </message>
    <message>
        <source>%1 … (+%2 depots)</source>
        <translation>%1 …（另有 %2 个站点）</translation>
    </message>
    <message>
        <source>Last seq per depot
%1</source>
        <translation>各站点最新序号
%1</translation>
    </message>
    <message>
        <source>Gaps %1</source>
        <translation>缺口 %1</translation>
    </message>
    <message>
        <source>Resyncs %1</source>
        <translation>重同步 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Rejected %1</source>
        <translation>拒收 %1</translation>
    </message>
    <message>
        <source>No rejected messages</source>
        <translation>没有被拒收的消息</translation>
    </message>
    <message>
        <source>Rejected messages by reason
%1</source>
        <translation>按原因统计的拒收消息
%1</translation>
    </message>
    <message>
        <source>Applied %1</source>
        <translation>已应用 %1</translation>
    </message>
    <message>
        <source>%1 orders, %2 riders, %3 snapshot records</source>
        <translation>%1 个订单，%2 名骑手，%3 条快照记录</translation>
    </message>
    <message>
        <source>Integrity alerts %1</source>
        <translation>完整性告警 %1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::MainWindow</name>
    <message>
        <source>OpsDeck</source>
        <translation>OpsDeck</translation>
    </message>
    <message>
        <source>OpsDeck — %1 (%2)</source>
        <translation>OpsDeck — %1（%2）</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Plugins…</source>
        <translation>插件(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;About OpsDeck</source>
        <translation>关于 OpsDeck(&amp;A)</translation>
    </message>
    <message>
        <source>No panels: see Help → Plugins</source>
        <translation>没有面板：请查看 帮助 → 插件</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>About OpsDeck</source>
        <translation>关于 OpsDeck</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;Operations console for delivery platforms: dispatchers, customer service and operations managers.&lt;/p&gt;&lt;p&gt;Plugins: %2&lt;/p&gt;&lt;p&gt;Built with Qt %3.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OpsDeck %1&lt;/h3&gt;&lt;p&gt;面向即时配送平台的运营控制台：调度员、客服与运营经理。&lt;/p&gt;&lt;p&gt;插件：%2&lt;/p&gt;&lt;p&gt;基于 Qt %3 构建。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::PluginHost</name>
    <message>
        <source>not a Qt plugin: %1</source>
        <translation>不是 Qt 插件：%1</translation>
    </message>
    <message>
        <source>implements &apos;%1&apos;, this console needs &apos;%2&apos;</source>
        <translation>实现的接口为“%1”，本控制台需要“%2”</translation>
    </message>
    <message>
        <source>no metadata (Q_PLUGIN_METADATA without FILE?)</source>
        <translation>没有元数据（Q_PLUGIN_METADATA 缺少 FILE？）</translation>
    </message>
    <message>
        <source>bad metadata: %1</source>
        <translation>元数据错误：%1</translation>
    </message>
    <message>
        <source>built for SDK version %1, this console provides version %2</source>
        <translation>为 SDK 版本 %1 构建，本控制台提供的是版本 %2</translation>
    </message>
    <message>
        <source>id &apos;%1&apos; is already provided by %2</source>
        <translation>标识“%1”已由 %2 提供</translation>
    </message>
    <message>
        <source>missing dependency &apos;%1&apos; (version %2)</source>
        <translation>缺少依赖“%1”（版本 %2）</translation>
    </message>
    <message>
        <source>dependency &apos;%1&apos; is version %2, version %3 is needed</source>
        <translation>依赖“%1”的版本为 %2，需要版本 %3</translation>
    </message>
    <message>
        <source>dependency &apos;%1&apos; cannot be loaded</source>
        <translation>依赖“%1”无法加载</translation>
    </message>
    <message>
        <source>dependency cycle: %1</source>
        <translation>循环依赖：%1</translation>
    </message>
    <message>
        <source>the plugin object does not implement RolePlugin</source>
        <translation>插件对象未实现 RolePlugin</translation>
    </message>
    <message>
        <source>cannot load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>initialization failed: %1</source>
        <translation>初始化失败：%1</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未给出原因</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::PluginSpec</name>
    <message>
        <source>&apos;id&apos; is missing</source>
        <translation>缺少“id”</translation>
    </message>
    <message>
        <source>&apos;id&apos; must be a non-empty string of letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;</source>
        <translation>“id”必须是由字母、数字、“.”、“_”或“-”组成的非空字符串</translation>
    </message>
    <message>
        <source>&apos;name&apos; is missing</source>
        <translation>缺少“name”</translation>
    </message>
    <message>
        <source>&apos;name&apos; must be a non-empty string</source>
        <translation>“name”必须是非空字符串</translation>
    </message>
    <message>
        <source>&apos;version&apos; is missing</source>
        <translation>缺少“version”</translation>
    </message>
    <message>
        <source>&apos;version&apos; must be a string like &quot;1.2.0&quot;</source>
        <translation>“version”必须是形如 &quot;1.2.0&quot; 的字符串</translation>
    </message>
    <message>
        <source>&apos;sdkVersion&apos; is missing</source>
        <translation>缺少“sdkVersion”</translation>
    </message>
    <message>
        <source>&apos;sdkVersion&apos; must be an integer</source>
        <translation>“sdkVersion”必须是整数</translation>
    </message>
    <message>
        <source>&apos;roles&apos; is missing</source>
        <translation>缺少“roles”</translation>
    </message>
    <message>
        <source>&apos;roles&apos; must be an array of strings</source>
        <translation>“roles”必须是字符串数组</translation>
    </message>
    <message>
        <source>&apos;dependencies&apos; is missing</source>
        <translation>缺少“dependencies”</translation>
    </message>
    <message>
        <source>&apos;dependencies&apos; must be an array</source>
        <translation>“dependencies”必须是数组</translation>
    </message>
    <message>
        <source>each dependency must be {&quot;id&quot;: string, &quot;version&quot;: &quot;x.y&quot;}</source>
        <translation>每个依赖必须是 {&quot;id&quot;: 字符串, &quot;version&quot;: &quot;x.y&quot;}</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::PluginsDialog</name>
    <message>
        <source>Plugin directories: %1</source>
        <translation>插件目录：%1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>%1 (not for this role)</source>
        <translation>%1（不适用于当前角色）</translation>
    </message>
    <message>
        <source>(unknown)</source>
        <translation>（未知）</translation>
    </message>
    <message>
        <source>No plugin was skipped.</source>
        <translation>没有插件被跳过。</translation>
    </message>
</context>
<context>
    <name>opsdeck::dispatcher::DispatcherPlugin</name>
    <message>
        <source>no console context</source>
        <translation>没有控制台上下文</translation>
    </message>
    <message>
        <source>Live orders</source>
        <translation>实时订单</translation>
    </message>
    <message>
        <source>Orders by state</source>
        <translation>各状态订单数</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::OrderBoardWidget</name>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Active (not final)</source>
        <translation>进行中（未结束）</translation>
    </message>
    <message>
        <source>%1 of %2 orders</source>
        <translation>%1 / %2 个订单</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::OrderTableModel</name>
    <message>
        <source>%1s</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1时%2分</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation>商户</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>顾客</translation>
    </message>
    <message>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <source>Promised</source>
        <translation>承诺送达</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>预计送达</translation>
    </message>
    <message>
        <source>In state</source>
        <translation>当前状态时长</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新时间</translation>
    </message>
</context>
</TS>

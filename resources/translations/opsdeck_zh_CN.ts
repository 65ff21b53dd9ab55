<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AccessText</name>
    <message>
        <source>Refused: the role “%1” has no permissions (needed: “%2”).</source>
        <translation>已拒绝：角色“%1”没有任何权限（需要：“%2”）。</translation>
    </message>
    <message>
        <source>Refused: your role (%1) lacks the permission “%2”.</source>
        <translation>已拒绝：您的角色（%1）缺少权限“%2”。</translation>
    </message>
    <message>
        <source>Refused: this is outside your depots or merchant (permission “%1”).</source>
        <translation>已拒绝：超出您的站点或商户范围（权限“%1”）。</translation>
    </message>
    <message>
        <source>Refused: %1 is outside your depots or merchant (permission “%2”).</source>
        <translation>已拒绝：%1 超出您的站点或商户范围（权限“%2”）。</translation>
    </message>
    <message>
        <source>Refused: the amount is above what your role (%1) may approve (permission “%2”).</source>
        <translation>已拒绝：金额超出您的角色（%1）可批准的上限（权限“%2”）。</translation>
    </message>
</context>
<context>
    <name>ActionReasonDialog</name>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>为什么？</translation>
    </message>
</context>
<context>
    <name>AlertMessages</name>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 not allowed in state %2 (seq %3)</source>
        <translation>%1 在“%2”状态下不允许（序号 %3）</translation>
    </message>
    <message>
        <source>in %1 for %2 (limit %3 min)</source>
        <translation>处于“%1”状态已 %2（上限 %3 分钟）</translation>
    </message>
    <message>
        <source>delivering %1 past ETA, rider %2</source>
        <translation>配送已超过预计送达时间 %1，骑手 %2</translation>
    </message>
    <message>
        <source>last GPS fix %1 ago</source>
        <translation>最后一次定位在 %1前</translation>
    </message>
    <message>
        <source>delivering but within %1 m of one spot for %2</source>
        <translation>配送中，但已在 %1 米范围内停留 %2</translation>
    </message>
    <message>
        <source>delivered %1 min after the promised time</source>
        <translation>晚于承诺时间 %1 分钟送达</translation>
    </message>
    <message>
        <source>battery at %1 %</source>
        <translation>电量 %1 %</translation>
    </message>
    <message>
        <source>outside the zone of %1</source>
        <translation>已离开 %1 的配送区域</translation>
    </message>
    <message>
        <source>rider %1 reported %2: %3</source>
        <translation>骑手 %1 上报 %2：%3</translation>
    </message>
    <message>
        <source>rider %1 reported %2</source>
        <translation>骑手 %1 上报 %2</translation>
    </message>
    <message>
        <source>%1 (%2) at %3 %4, reorder point %5</source>
        <translation>%1（%2）库存 %3 %4，补货点 %5</translation>
    </message>
    <message>
        <source>%1 orders/min vs %2 usual at this weekday-hour (z %3)</source>
        <translation>每分钟 %1 单，该星期时段通常为 %2（z 值 %3）</translation>
    </message>
    <message>
        <source>%1 resyncs within %2 min</source>
        <translation>%2 分钟内重新同步 %1 次</translation>
    </message>
    <message>
        <source>rule removed or disabled</source>
        <translation>规则已删除或停用</translation>
    </message>
    <message>
        <source>not acknowledged within %1 min</source>
        <translation>%1 分钟内未确认</translation>
    </message>
    <message>
        <source>%1 %2 %3 outside %4..%5 (vehicle %6)</source>
        <translation>%1 %2 %3 超出 %4..%5（车辆 %6）</translation>
    </message>
    <message>
        <source>%1 %2 %3 outside %4..%5 (depot %6)</source>
        <translation>%1 %2 %3 超出 %4..%5（站点 %6）</translation>
    </message>
    <message>
        <source>%1 % of %2 stock checks failed in %3 min</source>
        <translation>%3 分钟内 %2 次库存检查中 %1 % 失败</translation>
    </message>
    <message>
        <source>condition cleared: order moved to %1</source>
        <translation>条件已解除：订单已转为“%1”</translation>
    </message>
    <message>
        <source>condition cleared: order is %1</source>
        <translation>条件已解除：订单当前为“%1”</translation>
    </message>
    <message>
        <source>condition cleared: order no longer known</source>
        <translation>条件已解除：订单已不存在</translation>
    </message>
    <message>
        <source>condition cleared: new ETA %1</source>
        <translation>条件已解除：新的预计送达时间 %1</translation>
    </message>
    <message>
        <source>condition cleared: fresh GPS fix</source>
        <translation>条件已解除：已收到新的定位</translation>
    </message>
    <message>
        <source>condition cleared: battery at %1 %</source>
        <translation>条件已解除：电量 %1 %</translation>
    </message>
    <message>
        <source>condition cleared: back inside the zone of %1</source>
        <translation>条件已解除：已回到 %1 的配送区域</translation>
    </message>
    <message>
        <source>condition cleared: rider went offline</source>
        <translation>条件已解除：骑手已离线</translation>
    </message>
    <message>
        <source>condition cleared: no longer delivering</source>
        <translation>条件已解除：已不在配送中</translation>
    </message>
    <message>
        <source>condition cleared: moving again</source>
        <translation>条件已解除：已重新移动</translation>
    </message>
    <message>
        <source>condition cleared: restocked to %1</source>
        <translation>条件已解除：已补货至 %1</translation>
    </message>
    <message>
        <source>condition cleared: reading back in range (%1)</source>
        <translation>条件已解除：读数已恢复正常（%1）</translation>
    </message>
    <message>
        <source>condition cleared: %1 orders in the last %2 min</source>
        <translation>条件已解除：最近 %2 分钟内 %1 笔订单</translation>
    </message>
    <message>
        <source>condition cleared: %1 orders/min (usual %2)</source>
        <translation>条件已解除：每分钟 %1 单（通常 %2）</translation>
    </message>
    <message>
        <source>condition cleared: out-of-stock rate %1 %</source>
        <translation>条件已解除：缺货率 %1 %</translation>
    </message>
    <message>
        <source>condition cleared: %1 resyncs in the window</source>
        <translation>条件已解除：窗口内重新同步 %1 次</translation>
    </message>
    <message>
        <source>condition cleared: no new occurrence in %1 min</source>
        <translation>条件已解除：%1 分钟内未再发生</translation>
    </message>
    <message>
        <source>to %1</source>
        <translation>指派给 %1</translation>
    </message>
    <message>
        <source>%1 orders within %2 min from one account: %3</source>
        <translation>同一账户在 %2 分钟内下单 %1 笔：%3</translation>
    </message>
    <message>
        <source>%1 orders within %2 min from one address: %3</source>
        <translation>同一地址在 %2 分钟内下单 %1 笔：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n orders: %1</source>
        <translation>
            <numerusform>%n 笔订单：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 orders/min offered, %2 % of the capacity of %3/min set in the rule</source>
        <translation>每分钟进单 %1 单，为规则设定容量（每分钟 %3 单）的 %2 %</translation>
    </message>
    <message>
        <source>%1 orders/min offered, %2 % of the depot's rate limit of %3/min</source>
        <translation>每分钟进单 %1 单，为站点限流（每分钟 %3 单）的 %2 %</translation>
    </message>
    <message>
        <source>%1 % of %2 new orders accepted in %3 min (%4 rate limited, %5 turned away by a breaker)</source>
        <translation>%3 分钟内 %2 笔新订单仅接单 %1 %（限流拒绝 %4 笔，熔断拒绝 %5 笔）</translation>
    </message>
    <message>
        <source>breaker open or probing for %1 of the last %2 min: new orders in its scope are turned away (error rate %3 %)</source>
        <translation>最近 %2 分钟内熔断器打开或试探共 %1：其范围内的新订单被拒绝（错误率 %3 %）</translation>
    </message>
    <message>
        <source>breaker forced open for %1 of the last %2 min: no new orders in its scope</source>
        <translation>最近 %2 分钟内熔断器被强制打开共 %1：其范围内不接新订单</translation>
    </message>
    <message>
        <source>condition cleared: %1 orders/min offered (capacity %2/min)</source>
        <translation>条件已解除：每分钟进单 %1 单（容量每分钟 %2 单）</translation>
    </message>
    <message>
        <source>condition cleared: %1 % of new orders accepted</source>
        <translation>条件已解除：新订单接单率 %1 %</translation>
    </message>
    <message>
        <source>condition cleared: breaker closed most of the last %1 min</source>
        <translation>条件已解除：最近 %1 分钟内熔断器大部分时间已关闭</translation>
    </message>
    <message>
        <source>retired by gateway</source>
        <translation>已由网关注销</translation>
    </message>
    <message>
        <source>feed of depot %1 degraded: %2 frames keep failing (%3), %4 so far; resyncs backed off</source>
        <translation>站点 %1 的数据流降级：%2 帧持续出错（%3），已 %4 条；重新同步已退避</translation>
    </message>
    <message>
        <source>condition cleared: frames of depot %1 read cleanly again</source>
        <translation>条件已解除：站点 %1 的帧已恢复正常读取</translation>
    </message>
    <message>
        <source>not signed %1 after the promised time</source>
        <translation>已超过承诺送达时间 %1，仍未签收</translation>
    </message>
    <message>
        <source>still not signed %1 min after the promised time</source>
        <translation>超过承诺送达时间 %1 分钟仍未签收</translation>
    </message>
</context>
<context>
    <name>AlertQueueWidget</name>
    <message>
        <source>Search alert history</source>
        <translation>搜索告警历史</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>规则…</translation>
    </message>
    <message>
        <source>j/k move · a acknowledge · r resolve · s snooze · Enter show on board and map</source>
        <translation>j/k 移动 · a 确认 · r 解决 · s 暂缓 · Enter 在看板和地图上显示</translation>
    </message>
</context>
<context>
    <name>AlertRules</name>
    <message>
        <source>Paid but not picking</source>
        <translation>已支付但未拣货</translation>
    </message>
    <message>
        <source>Picking but not dispatched</source>
        <translation>拣货中但未派单</translation>
    </message>
    <message>
        <source>Delivering past ETA</source>
        <translation>配送超过预计送达时间</translation>
    </message>
    <message>
        <source>Delivered 30 min or more late</source>
        <translation>送达晚了 30 分钟以上</translation>
    </message>
    <message>
        <source>Exception not handled</source>
        <translation>异常未处理</translation>
    </message>
    <message>
        <source>GPS fix older than 60 s</source>
        <translation>定位超过 60 秒未更新</translation>
    </message>
    <message>
        <source>Stationary while delivering</source>
        <translation>配送中长时间停留</translation>
    </message>
    <message>
        <source>Rider left the depot's zone</source>
        <translation>骑手离开站点配送区域</translation>
    </message>
    <message>
        <source>Battery under 15 %</source>
        <translation>电量低于 15 %</translation>
    </message>
    <message>
        <source>Cold chain sensor out of range for 2 min</source>
        <translation>冷链传感器超出范围达 2 分钟</translation>
    </message>
    <message>
        <source>Stock below reorder point</source>
        <translation>库存低于补货点</translation>
    </message>
    <message>
        <source>Depot out-of-stock rate high</source>
        <translation>站点缺货率过高</translation>
    </message>
    <message>
        <source>Rider reported a problem</source>
        <translation>骑手上报问题</translation>
    </message>
    <message>
        <source>Illegal order transition</source>
        <translation>订单状态变更不合法</translation>
    </message>
    <message>
        <source>Feed resyncing repeatedly</source>
        <translation>数据流反复重新同步</translation>
    </message>
    <message>
        <source>Order storm</source>
        <translation>订单暴增</translation>
    </message>
    <message>
        <source>Burst of orders from one account</source>
        <translation>同一账户集中下单</translation>
    </message>
    <message>
        <source>Burst of orders to one address</source>
        <translation>同一地址集中下单</translation>
    </message>
    <message>
        <source>Promised time passed, not signed</source>
        <translation>已过承诺送达时间仍未签收</translation>
    </message>
    <message>
        <source>Order out of stock</source>
        <translation>订单缺货</translation>
    </message>
</context>
<context>
    <name>AlertRulesDialog</name>
    <message>
        <source>Alert rules</source>
        <translation>告警规则</translation>
    </message>
    <message>
        <source>Each rule: id, kind, thresholds, severity, debounce_s, escalate_after_min and roles. A rule with a problem is listed below and cannot be saved.</source>
        <translation>每条规则包含：id、kind、thresholds、severity、debounce_s、escalate_after_min 和 roles。有问题的规则会列在下方，且无法保存。</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Audit trail</source>
        <translation>审计记录</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>用户(&amp;U)：</translation>
    </message>
    <message>
        <source>any</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>&amp;Action:</source>
        <translation>操作(&amp;A)：</translation>
    </message>
    <message>
        <source>e.g. command.</source>
        <translation>例如 command.</translation>
    </message>
    <message>
        <source>&amp;Order:</source>
        <translation>订单(&amp;O)：</translation>
    </message>
    <message>
        <source>order id</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>yyyy-MM-dd HH:mm</translation>
    </message>
    <message>
        <source>&amp;Filter</source>
        <translation>筛选(&amp;F)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Fro&amp;m</source>
        <translation>起始(&amp;M)</translation>
    </message>
    <message>
        <source>U&amp;ntil</source>
        <translation>截止(&amp;N)</translation>
    </message>
</context>
<context>
    <name>Codes</name>
    <message>
        <source>Suspicious burst</source>
        <translation>可疑集中下单</translation>
    </message>
    <message>
        <source>Payment under review</source>
        <translation>支付审核中</translation>
    </message>
    <message>
        <source>Held by an operator</source>
        <translation>调度员挂起</translation>
    </message>
    <message>
        <source>Address to be checked</source>
        <translation>地址待核实</translation>
    </message>
    <message>
        <source>Suspected fraud</source>
        <translation>疑似欺诈</translation>
    </message>
    <message>
        <source>Fraud</source>
        <translation>欺诈</translation>
    </message>
    <message>
        <source>Duplicate order</source>
        <translation>重复下单</translation>
    </message>
    <message>
        <source>Payment failed</source>
        <translation>支付失败</translation>
    </message>
    <message>
        <source>Customer's request</source>
        <translation>顾客要求</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>No rider available</source>
        <translation>无可用骑手</translation>
    </message>
    <message>
        <source>Cancelled by an operator</source>
        <translation>调度员取消</translation>
    </message>
    <message>
        <source>Traffic accident</source>
        <translation>交通事故</translation>
    </message>
    <message>
        <source>Customer refused the delivery</source>
        <translation>顾客拒收</translation>
    </message>
    <message>
        <source>Goods damaged</source>
        <translation>商品损坏</translation>
    </message>
    <message>
        <source>Delayed</source>
        <translation>延误</translation>
    </message>
    <message>
        <source>Address not found</source>
        <translation>地址无效</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>交通拥堵</translation>
    </message>
    <message>
        <source>Slow pickup</source>
        <translation>取货慢</translation>
    </message>
    <message>
        <source>Ahead of schedule</source>
        <translation>比预计提前</translation>
    </message>
    <message>
        <source>Returned to the merchant</source>
        <translation>已退回商家</translation>
    </message>
    <message>
        <source>Claim paid</source>
        <translation>已理赔</translation>
    </message>
    <message>
        <source>Claim rejected</source>
        <translation>理赔被拒</translation>
    </message>
    <message>
        <source>Risk engine</source>
        <translation>风控系统</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>WeChat Pay</source>
        <translation>微信支付</translation>
    </message>
    <message>
        <source>Alipay</source>
        <translation>支付宝</translation>
    </message>
    <message>
        <source>Bank card</source>
        <translation>银行卡</translation>
    </message>
    <message>
        <source>Campus card</source>
        <translation>校园卡</translation>
    </message>
    <message>
        <source>Normal priority</source>
        <translation>普通</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>On the way to pick up</source>
        <translation>前往取货</translation>
    </message>
    <message>
        <source>Delivering</source>
        <translation>配送中</translation>
    </message>
    <message>
        <source>On a break</source>
        <translation>休息中</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Humidity</source>
        <translation>湿度</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>重量</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>断开</translation>
    </message>
    <message>
        <source>Half-open</source>
        <translation>半开</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Forced open</source>
        <translation>强制断开</translation>
    </message>
    <message>
        <source>Forced closed</source>
        <translation>强制闭合</translation>
    </message>
    <message>
        <source>Connection check</source>
        <translation>连通检查</translation>
    </message>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>挂起</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除挂起</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Set a rate limit</source>
        <translation>设置限流</translation>
    </message>
    <message>
        <source>Clear a rate limit</source>
        <translation>解除限流</translation>
    </message>
    <message>
        <source>Set a circuit breaker</source>
        <translation>设置熔断</translation>
    </message>
    <message>
        <source>Divert orders</source>
        <translation>分流订单</translation>
    </message>
    <message>
        <source>Stop diverting orders</source>
        <translation>停止分流</translation>
    </message>
    <message>
        <source>the request was not understood</source>
        <translation>请求无法识别</translation>
    </message>
    <message>
        <source>unknown command</source>
        <translation>未知命令</translation>
    </message>
    <message>
        <source>unknown order</source>
        <translation>未知订单</translation>
    </message>
    <message>
        <source>the order's current state does not allow it</source>
        <translation>订单当前状态不允许此操作</translation>
    </message>
    <message>
        <source>unknown rider</source>
        <translation>未知骑手</translation>
    </message>
    <message>
        <source>your role may not do this</source>
        <translation>你的角色无权执行此操作</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无应答</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <source>Sensor</source>
        <translation>传感器</translation>
    </message>
    <message>
        <source>Stock item</source>
        <translation>库存商品</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Customer account</source>
        <translation>顾客账户</translation>
    </message>
    <message>
        <source>Delivery address</source>
        <translation>收货地址</translation>
    </message>
    <message>
        <source>Order feed</source>
        <translation>订单数据流</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>触发</translation>
    </message>
    <message>
        <source>repeated</source>
        <translation>再次发生</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation>已暂停提醒</translation>
    </message>
    <message>
        <source>snooze ended</source>
        <translation>暂停提醒结束</translation>
    </message>
    <message>
        <source>escalated</source>
        <translation>已升级</translation>
    </message>
    <message>
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>resolved by itself</source>
        <translation>已自动解除</translation>
    </message>
    <message>
        <source>Chaoyang</source>
        <translation>朝阳</translation>
    </message>
    <message>
        <source>Haidian</source>
        <translation>海淀</translation>
    </message>
    <message>
        <source>Dongcheng</source>
        <translation>东城</translation>
    </message>
    <message>
        <source>Xicheng</source>
        <translation>西城</translation>
    </message>
    <message>
        <source>Fengtai</source>
        <translation>丰台</translation>
    </message>
    <message>
        <source>Shijingshan</source>
        <translation>石景山</translation>
    </message>
    <message>
        <source>Tongzhou</source>
        <translation>通州</translation>
    </message>
    <message>
        <source>Changping</source>
        <translation>昌平</translation>
    </message>
    <message>
        <source>Daxing</source>
        <translation>大兴</translation>
    </message>
    <message>
        <source>Shunyi</source>
        <translation>顺义</translation>
    </message>
    <message>
        <source>Depot %1 (%2)</source>
        <translation>站点 %1（%2）</translation>
    </message>
    <message>
        <source>Depot %1</source>
        <translation>站点 %1</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>全城</translation>
    </message>
    <message>
        <source>Merchant %1</source>
        <translation>商家 %1</translation>
    </message>
    <message>
        <source>en</source>
        <extracomment>The language of this translation as a locale name (zh_CN for Simplified Chinese): picks the translated titles of alert rules in the rules file ("title_zh_CN").</extracomment>
        <translation>zh_CN</translation>
    </message>
    <message>
        <source>Creation</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>支付</translation>
    </message>
    <message>
        <source>Stock check</source>
        <translation>库存检查</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>补货</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>派单</translation>
    </message>
    <message>
        <source>Reassignment</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>ETA update</source>
        <translation>ETA 更新</translation>
    </message>
    <message>
        <source>Exception report</source>
        <translation>异常上报</translation>
    </message>
    <message>
        <source>Signing</source>
        <translation>签收</translation>
    </message>
    <message>
        <source>Cancellation</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Start of a return</source>
        <translation>发起退货</translation>
    </message>
    <message>
        <source>Claim</source>
        <translation>理赔申请</translation>
    </message>
    <message>
        <source>Closing</source>
        <translation>结单</translation>
    </message>
    <message>
        <source>Snapshot</source>
        <translation>快照</translation>
    </message>
    <message>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <source>Message to the customer</source>
        <translation>给顾客的消息</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>命令面板</translation>
    </message>
    <message>
        <source>Type an action, an order id or a rider id…</source>
        <translation>输入操作、订单编号或骑手编号…</translation>
    </message>
    <message>
        <source>↑ ↓ to choose, Enter to run or open, Esc to close</source>
        <translation>↑ ↓ 选择，Enter 执行或打开，Esc 关闭</translation>
    </message>
</context>
<context>
    <name>CorruptDatabaseDialog</name>
    <message>
        <source>Database damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>The console's database is damaged and cannot be opened.</source>
        <translation>控制台的数据库已损坏，无法打开。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Move aside and rebuild</source>
        <translation>移到一旁并重建</translation>
    </message>
</context>
<context>
    <name>CreateAdminDialog</name>
    <message>
        <source>Create the administrator</source>
        <translation>创建管理员</translation>
    </message>
    <message>
        <source>This database has no users yet. The first user is the administrator, who adds the others (opsdeck user add).</source>
        <translation>此数据库还没有用户。第一个用户是管理员，由其添加其他用户（opsdeck user add）。</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password (8 characters or more):</source>
        <translation>密码（至少 8 个字符）：</translation>
    </message>
    <message>
        <source>Password again:</source>
        <translation>再次输入密码：</translation>
    </message>
</context>
<context>
    <name>IntakeControlPanel</name>
    <message>
        <source>Intake of:</source>
        <translation>进单站点：</translation>
    </message>
    <message>
        <source>Rate limits</source>
        <translation>限流</translation>
    </message>
    <message>
        <source>Scope:</source>
        <translation>范围：</translation>
    </message>
    <message>
        <source>global, depot:&lt;id&gt; or merchant:&lt;id&gt;</source>
        <translation>global、depot:&lt;id&gt; 或 merchant:&lt;id&gt;</translation>
    </message>
    <message>
        <source>Per minute:</source>
        <translation>每分钟：</translation>
    </message>
    <message>
        <source>Burst:</source>
        <translation>突发量：</translation>
    </message>
    <message>
        <source>Set limit</source>
        <translation>设置限流</translation>
    </message>
    <message>
        <source>Clear limit</source>
        <translation>清除限流</translation>
    </message>
    <message>
        <source>Circuit breakers</source>
        <translation>熔断器</translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation>模式：</translation>
    </message>
    <message>
        <source>Set mode</source>
        <translation>设置模式</translation>
    </message>
    <message>
        <source>Diversions</source>
        <translation>分流</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>从：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>到：</translation>
    </message>
    <message>
        <source>Share:</source>
        <translation>比例：</translation>
    </message>
    <message>
        <source> %</source>
        <translation> %</translation>
    </message>
    <message>
        <source>Divert</source>
        <translation>分流</translation>
    </message>
    <message>
        <source>Stop diverting</source>
        <translation>停止分流</translation>
    </message>
    <message>
        <source>Storm playbooks</source>
        <translation>订单风暴预案</translation>
    </message>
    <message>
        <source>Playbook:</source>
        <translation>预案：</translation>
    </message>
    <message>
        <source>Apply playbook</source>
        <translation>应用预案</translation>
    </message>
    <message>
        <source>Revert playbook</source>
        <translation>撤销预案</translation>
    </message>
    <message>
        <source>Why and for how long</source>
        <translation>原因与时长</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Required: kept in the audit log with the change</source>
        <translation>必填：将随变更记入审计日志</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>时长：</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <translation>HH:mm</translation>
    </message>
</context>
<context>
    <name>KpiCharts</name>
    <message>
        <source>All depots</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <source>Orders / min</source>
        <translation>订单/分钟</translation>
    </message>
    <message>
        <source>Signed / min</source>
        <translation>签收/分钟</translation>
    </message>
    <message>
        <source>Order flow</source>
        <translation>订单流量</translation>
    </message>
    <message>
        <source>Fulfilment %</source>
        <translation>履约率 %</translation>
    </message>
    <message>
        <source>On-time %</source>
        <translation>准时率 %</translation>
    </message>
    <message>
        <source>Fulfilment and on-time rate</source>
        <translation>履约率与准时率</translation>
    </message>
    <message>
        <source>%</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Delivery time, paid to signed</source>
        <translation>配送时长（支付至签收）</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>分钟</translation>
    </message>
    <message>
        <source>By depot</source>
        <translation>按站点</translation>
    </message>
</context>
<context>
    <name>KpiDashboardWidget</name>
    <message>
        <source>KPI dashboard</source>
        <translation>指标看板</translation>
    </message>
    <message>
        <source>Operations KPIs</source>
        <translation>运营指标</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Range</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <source>Live (last 15 min)</source>
        <translation>实时（最近 15 分钟）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <source>Daily report…</source>
        <translation>每日报表…</translation>
    </message>
    <message>
        <source>Write yesterday's report (CSV and PDF) to a folder every day</source>
        <translation>每天将昨日报表（CSV 和 PDF）写入文件夹</translation>
    </message>
    <message>
        <source>%1 pts</source>
        <translation>%1 个百分点</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>top: %1 %2</source>
        <translation>最高：%1 %2</translation>
    </message>
    <message>
        <source>none reported</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>KpiFormat</name>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
</context>
<context>
    <name>KpiPanels</name>
    <message>
        <source>KPI dashboard</source>
        <translation>指标看板</translation>
    </message>
</context>
<context>
    <name>KpiReport</name>
    <message>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Orders per minute</source>
        <translation>每分钟订单数</translation>
    </message>
    <message>
        <source>Fulfilment rate</source>
        <translation>履约率</translation>
    </message>
    <message>
        <source>On-time rate</source>
        <translation>准时率</translation>
    </message>
    <message>
        <source>Delivery time p50</source>
        <translation>配送时长 p50</translation>
    </message>
    <message>
        <source>Delivery time p90</source>
        <translation>配送时长 p90</translation>
    </message>
    <message>
        <source>Pick time p50</source>
        <translation>拣货时长 p50</translation>
    </message>
    <message>
        <source>Out-of-stock rate</source>
        <translation>缺货率</translation>
    </message>
    <message>
        <source>Exception rate</source>
        <translation>异常率</translation>
    </message>
    <message>
        <source>Loss rate</source>
        <translation>损耗率</translation>
    </message>
    <message>
        <source>Rider utilisation</source>
        <translation>骑手利用率</translation>
    </message>
    <message>
        <source>Riders online (average)</source>
        <translation>在线骑手（平均）</translation>
    </message>
    <message>
        <source>Intake offered</source>
        <translation>进单提交数</translation>
    </message>
    <message>
        <source>Intake accepted</source>
        <translation>进单接受数</translation>
    </message>
    <message>
        <source>Intake rejected</source>
        <translation>进单拒绝数</translation>
    </message>
    <message>
        <source>Intake acceptance</source>
        <translation>进单接受率</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>All depots</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Period: %1    Generated: %2</source>
        <translation>期间：%1    生成：%2</translation>
    </message>
    <message>
        <source>Period: %1    Observed: %2 – %3    Generated: %4</source>
        <translation>期间：%1    观测：%2 – %3    生成：%4</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>图表</translation>
    </message>
</context>
<context>
    <name>MapPanel</name>
    <message>
        <source>Layers:</source>
        <translation>图层：</translation>
    </message>
    <message>
        <source>Riders</source>
        <translation>骑手</translation>
    </message>
    <message>
        <source>Show riders (clustered when zoomed out)</source>
        <translation>显示骑手（缩小时聚合显示）</translation>
    </message>
    <message>
        <source>Trails</source>
        <translation>轨迹</translation>
    </message>
    <message>
        <source>Show trails of the last minutes</source>
        <translation>显示最近几分钟的轨迹</translation>
    </message>
    <message>
        <source>Zones</source>
        <translation>配送区域</translation>
    </message>
    <message>
        <source>Show delivery zones</source>
        <translation>显示配送区域</translation>
    </message>
    <message>
        <source>Destinations</source>
        <translation>目的地</translation>
    </message>
    <message>
        <source>Show the selected rider's order destinations and route</source>
        <translation>显示所选骑手的订单目的地和路线</translation>
    </message>
    <message>
        <source>Heatmap</source>
        <translation>热力图</translation>
    </message>
    <message>
        <source>Show a heatmap of open orders</source>
        <translation>显示未完成订单的热力图</translation>
    </message>
    <message>
        <source>All riders' trails</source>
        <translation>所有骑手轨迹</translation>
    </message>
    <message>
        <source>Trail length</source>
        <translation>轨迹时长</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Dark map palette</source>
        <translation>深色地图配色</translation>
    </message>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Show the whole fleet at a past moment from stored positions</source>
        <translation>根据已存储的位置显示过去某一时刻的全部骑手</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
    <message>
        <source>Fit the map to the city or to a depot's zone (turns Follow off)</source>
        <translation>将地图缩放至整个城市或某站点的配送区域（并关闭跟随）</translation>
    </message>
    <message>
        <source>Keep the selected rider in the centre (F); panning or choosing a depot turns it off</source>
        <translation>将所选骑手保持在地图中心（F）；平移地图或选择站点会关闭跟随</translation>
    </message>
    <message>
        <source>−5 min</source>
        <translation>−5 分钟</translation>
    </message>
    <message>
        <source>Five minutes back</source>
        <translation>后退五分钟</translation>
    </message>
    <message>
        <source>+5 min</source>
        <translation>+5 分钟</translation>
    </message>
    <message>
        <source>Five minutes forward</source>
        <translation>前进五分钟</translation>
    </message>
</context>
<context>
    <name>MapView</name>
    <message>
        <source>offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>to pickup</source>
        <translation>前往取货</translation>
    </message>
    <message>
        <source>delivering</source>
        <translation>配送中</translation>
    </message>
    <message>
        <source>on break</source>
        <translation>休息中</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>MerchantOrdersPanel</name>
    <message>
        <source>Merchant:</source>
        <translation>商家：</translation>
    </message>
</context>
<context>
    <name>MerchantStockPanel</name>
    <message>
        <source>Settings…</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>Target cover, low line and delivery slots.</source>
        <translation>目标可用时长、偏低线和到货时段。</translation>
    </message>
    <message>
        <source>Export restock CSV…</source>
        <translation>导出补货 CSV…</translation>
    </message>
    <message>
        <source>Write this desk's restock suggestions to a CSV file (your own items only).</source>
        <translation>将本工作台的补货建议写入 CSV 文件（仅限您自己的商品）。</translation>
    </message>
</context>
<context>
    <name>MessageTemplates</name>
    <message>
        <source>Dear {customer}, we are sorry: your order {order} is running late. It should now arrive in about {minutes} minutes.</source>
        <translation>尊敬的{customer}，非常抱歉：您的订单 {order} 将会延误，预计约 {minutes} 分钟后送达。</translation>
    </message>
    <message>
        <source>Dear {customer}, {item} in your order {order} is out of stock. We can send {substitute} instead: reply YES to accept, or NO and we refund the item.</source>
        <translation>尊敬的{customer}，您订单 {order} 中的{item}已缺货。我们可以为您换成{substitute}：回复“是”接受，回复“否”则为该商品退款。</translation>
    </message>
    <message>
        <source>Dear {customer}, severe weather has slowed our deliveries and we cannot take new orders right now. Please try again in about {minutes} minutes. Thank you for your patience.</source>
        <translation>尊敬的{customer}，受恶劣天气影响，配送速度放缓，我们暂时无法接收新订单。请约 {minutes} 分钟后再试，感谢您的耐心。</translation>
    </message>
    <message>
        <source>No Chinese text for this template.</source>
        <translation>此模板没有中文文本。</translation>
    </message>
    <message>
        <source>Unknown language “%1”.</source>
        <translation>未知语言“%1”。</translation>
    </message>
    <message>
        <source>Missing: %1.</source>
        <translation>缺少：%1。</translation>
    </message>
</context>
<context>
    <name>OpsManagerPanels</name>
    <message>
        <source>Intake controls</source>
        <translation>进单控制</translation>
    </message>
</context>
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
    <name>OrderChannel</name>
    <message>
        <source>Fresh</source>
        <translation>生鲜</translation>
    </message>
    <message>
        <source>Campus</source>
        <translation>校园</translation>
    </message>
    <message>
        <source>Errand</source>
        <translation>跑腿</translation>
    </message>
</context>
<context>
    <name>OrderDetailPanel</name>
    <message>
        <source>Select an order on the board.</source>
        <translation>请在看板上选择一个订单。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
</context>
<context>
    <name>OrderKanbanBoard</name>
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
        <translation>商家</translation>
    </message>
    <message>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <source>States</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Late only</source>
        <translation>仅超时</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>已存视图</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>保存视图…</translation>
    </message>
    <message>
        <source>Riders (drop cards to reassign)</source>
        <translation>骑手（拖放卡片以改派）</translation>
    </message>
    <message>
        <source>Search customer name, phone last 4 digits, #order id</source>
        <translation>搜索顾客姓名、手机号后 4 位、#订单号</translation>
    </message>
    <message>
        <source>Find a rider (id or name)</source>
        <translation>查找骑手（工号或姓名）</translation>
    </message>
    <message>
        <source>The board holds still while the pointer is over it; click to apply the changes now.</source>
        <translation>指针停在看板上时卡片保持不动；点击可立即应用这些变化。</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>临近超时</translation>
    </message>
    <message>
        <source>Orders with less than 10 minutes left to their promised time</source>
        <translation>距承诺送达时间不足 10 分钟的订单</translation>
    </message>
    <message>
        <source>Least time left first</source>
        <translation>剩余时间少的在前</translation>
    </message>
    <message>
        <source>Sort each column by time left to the promised time, kept with saved views</source>
        <translation>每列按距承诺送达的剩余时间排序，随已保存视图保留</translation>
    </message>
</context>
<context>
    <name>OrderNote</name>
    <message>
        <source>Customer note: %1</source>
        <translation>顾客备注：%1</translation>
    </message>
    <message>
        <source>The customer left a note (hidden for your role)</source>
        <translation>顾客留有备注（您的角色不可查看）</translation>
    </message>
</context>
<context>
    <name>OrderRefusals</name>
    <message>
        <source>It cannot be reassigned now: only an order that is being delivered or has a delivery exception can be reassigned.</source>
        <translation>现在无法改派：只有配送中或配送异常的订单可以改派。</translation>
    </message>
    <message>
        <source>It cannot be held now.</source>
        <translation>现在无法挂起。</translation>
    </message>
    <message>
        <source>It cannot be released now: only a held order can be released.</source>
        <translation>现在无法解除挂起：只有已挂起的订单可以解除。</translation>
    </message>
    <message>
        <source>It cannot be cancelled now.</source>
        <translation>现在无法取消。</translation>
    </message>
    <message>
        <source>Order %1 has been placed but is not paid yet.</source>
        <translation>订单 %1 已下单，尚未支付。</translation>
    </message>
    <message>
        <source>Order %1 is paid and waits to be picked.</source>
        <translation>订单 %1 已支付，等待拣货。</translation>
    </message>
    <message>
        <source>Order %1 is on hold.</source>
        <translation>订单 %1 已挂起。</translation>
    </message>
    <message>
        <source>Order %1 is waiting for stock.</source>
        <translation>订单 %1 正在等待补货。</translation>
    </message>
    <message>
        <source>Order %1 is being picked.</source>
        <translation>订单 %1 正在拣货。</translation>
    </message>
    <message>
        <source>Order %1 is being delivered.</source>
        <translation>订单 %1 正在配送。</translation>
    </message>
    <message>
        <source>Order %1 has a delivery exception.</source>
        <translation>订单 %1 配送异常。</translation>
    </message>
    <message>
        <source>Order %1 is being returned.</source>
        <translation>订单 %1 正在退回。</translation>
    </message>
    <message>
        <source>Order %1 is in a claim.</source>
        <translation>订单 %1 正在理赔。</translation>
    </message>
    <message>
        <source>Order %1 has been delivered and signed for.</source>
        <translation>订单 %1 已送达并签收。</translation>
    </message>
    <message>
        <source>Order %1 is closed.</source>
        <translation>订单 %1 已关闭。</translation>
    </message>
    <message>
        <source>Order %1 has been cancelled.</source>
        <translation>订单 %1 已取消。</translation>
    </message>
    <message>
        <source>Order %1 is in a state the console does not know (%2).</source>
        <translation>订单 %1 处于控制台无法识别的状态（%2）。</translation>
    </message>
    <message>
        <source>No action can be taken on it from the console now.</source>
        <translation>现在无法在控制台对其进行任何操作。</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>Separates the names of actions in "Allowed now: Reassign, Cancel."</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <source>Allowed now: %1.</source>
        <translation>现在可以：%1。</translation>
    </message>
    <message>
        <source>The gateway refused: the order has moved on.</source>
        <translation>网关拒绝：订单状态已变化。</translation>
    </message>
    <message>
        <source>The gateway refused: %1.</source>
        <translation>网关拒绝：%1。</translation>
    </message>
    <message>
        <source>The gateway refused: %1 (%2).</source>
        <translation>网关拒绝：%1（%2）。</translation>
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
    <message>
        <source>Retired by gateway</source>
        <translation>已由网关注销</translation>
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
    <name>PrivacyEraseDialog</name>
    <message>
        <source>Erase a customer's personal data</source>
        <translation>删除一位顾客的个人数据</translation>
    </message>
    <message>
        <source>On the customer's request: their name, phone, address and destinations are erased from every order, event and rejected message in this console's database. Orders and figures stay. This cannot be undone.</source>
        <translation>应顾客请求：从本控制台数据库的所有订单、事件和被拒消息中删除其姓名、电话、地址和收货位置。订单和统计数据保留。此操作无法撤销。</translation>
    </message>
    <message>
        <source>Phone or customer id:</source>
        <translation>手机号或顾客编号：</translation>
    </message>
    <message>
        <source>138 1234 5678 or cust-…</source>
        <translation>138 1234 5678 或 cust-…</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>Request ticket or note (kept on the audit trail)</source>
        <translation>请求工单号或说明（记入审计日志）</translation>
    </message>
    <message>
        <source>Erase</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
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
        <source>Export the console's database</source>
        <translation>导出控制台数据库</translation>
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
    <message>
        <source>Send one control command to the gateway, audited like the console's</source>
        <translation>向网关发送一条控制命令，与控制台一样记入审计</translation>
    </message>
    <message>
        <source>ping, set_rate_limit, clear_rate_limit, set_breaker, divert, clear_divert, reassign, hold, release, cancel</source>
        <translation>ping, set_rate_limit, clear_rate_limit, set_breaker, divert, clear_divert, reassign, hold, release, cancel</translation>
    </message>
    <message>
        <source>Arguments, e.g. scope=depot:BJ-CY-01 per_min=50</source>
        <translation>参数，例如 scope=depot:BJ-CY-01 per_min=50</translation>
    </message>
    <message>
        <source>Why (required, kept in the audit).</source>
        <translation>原因（必填，记入审计）。</translation>
    </message>
    <message>
        <source>Wait per attempt (3 attempts).</source>
        <translation>每次尝试的等待时间（共 3 次尝试）。</translation>
    </message>
    <message>
        <source>Simulated seconds per second in the embedded gateway (demos, training).</source>
        <translation>内置网关每秒模拟的秒数（用于演示、培训）。</translation>
    </message>
    <message>
        <source>--time-scale must be a number above 0 and at most 1000</source>
        <translation>--time-scale 必须是大于 0 且不超过 1000 的数字</translation>
    </message>
    <message>
        <source>Feed endpoint: the audit then records the intake state before and after from gateway.stats.</source>
        <translation>数据流端点：审计将根据 gateway.stats 记录命令前后的进单状态。</translation>
    </message>
    <message>
        <source>the database %1 is corrupt. Nothing was changed. Run again with --rebuild-corrupt to move it aside (renamed with a timestamp, its key alongside) and rebuild it from the gateway's snapshot.</source>
        <translation>数据库 %1 已损坏，未做任何更改。请加上 --rebuild-corrupt 重新运行：将其移到一旁（以时间戳重命名，密钥放在旁边），并从网关快照重建。</translation>
    </message>
    <message>
        <source>the corrupt database was moved to %1; rebuilding from the gateway's snapshot</source>
        <translation>已将损坏的数据库移至 %1；正在从网关快照重建</translation>
    </message>
    <message>
        <source>If the database is corrupt, move it aside (with its key) and rebuild it from the gateway's snapshot.</source>
        <translation>如果数据库已损坏，将其（连同密钥）移到一旁，并从网关快照重建。</translation>
    </message>
    <message>
        <source>Keep rider position history for this many seconds of feed time (default: a day).</source>
        <translation>骑手位置历史保留的时长（数据流时间，秒；默认一天）。</translation>
    </message>
    <message>
        <source>--position-retention must be a number of seconds ≥ 1</source>
        <translation>--position-retention 必须是不小于 1 的秒数</translation>
    </message>
    <message>
        <source>no display to open the window on (DISPLAY is not set); run with --headless to ingest without a window</source>
        <translation>没有可显示窗口的显示器（未设置 DISPLAY）；如需不开窗口接收数据，请加 --headless 运行</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>Data &amp;retention…</source>
        <translation>数据保留期(&amp;R)…</translation>
    </message>
    <message>
        <source>Keep the event log for this many days of feed time (default: the settings file's, or 30).</source>
        <translation>事件日志按数据源时间保留的天数（默认：设置文件中的值，或 30）。</translation>
    </message>
    <message>
        <source>The event log retention must be a number of days, not "%1".</source>
        <translation>事件日志保留期必须是天数，而不是“%1”。</translation>
    </message>
    <message>
        <source>The event log retention must be more than 0 and at most %1 days.</source>
        <translation>事件日志保留期必须大于 0 且不超过 %1 天。</translation>
    </message>
    <message>
        <source>The position history retention must be a number of hours, not "%1".</source>
        <translation>位置历史保留期必须是小时数，而不是“%1”。</translation>
    </message>
    <message>
        <source>The position history retention must be more than 0 and at most %1 hours.</source>
        <translation>位置历史保留期必须大于 0 且不超过 %1 小时。</translation>
    </message>
    <message>
        <source>settings %1: %2 Using %3 days.</source>
        <translation>设置 %1：%2 使用 %3 天。</translation>
    </message>
    <message>
        <source>settings %1: %2 Using %3 hours.</source>
        <translation>设置 %1：%2 使用 %3 小时。</translation>
    </message>
    <message>
        <source>Se&amp;curity</source>
        <translation>安全(&amp;C)</translation>
    </message>
    <message>
        <source>Audit &amp;trail…</source>
        <translation>审计记录(&amp;T)…</translation>
    </message>
    <message numerus="yes">
        <source>audit chain of %1 is whole: %n row(s) checked, head %2</source>
        <translation>
            <numerusform>%1 的审计链完整：已校验 %n 行，链头 %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>audit chain of %1 is broken at row %2: %3 (%n row(s) before it are whole)</source>
        <translation>
            <numerusform>%1 的审计链在第 %2 行断裂：%3（之前的 %n 行完整）</numerusform>
        </translation>
    </message>
    <message>
        <source>Verify or list the console's chained audit trail</source>
        <translation>校验或列出控制台的链式审计记录</translation>
    </message>
    <message>
        <source>verify or list</source>
        <translation>verify（校验）或 list（列出）</translation>
    </message>
    <message>
        <source>list: only this user's rows.</source>
        <translation>list：只列出该用户的记录。</translation>
    </message>
    <message>
        <source>list: who signs in (password from OPSDECK_PASSWORD or the prompt).</source>
        <translation>list：登录的用户（密码取自 OPSDECK_PASSWORD 或提示输入）。</translation>
    </message>
    <message>
        <source>Who signs in (password from OPSDECK_PASSWORD or the prompt).</source>
        <translation>登录的用户（密码取自 OPSDECK_PASSWORD 或提示输入）。</translation>
    </message>
    <message>
        <source>list: actions starting with this.</source>
        <translation>list：操作以此开头。</translation>
    </message>
    <message>
        <source>list: targets containing this order id.</source>
        <translation>list：对象包含此订单号。</translation>
    </message>
    <message>
        <source>list: from this time on.</source>
        <translation>list：从此时间起。</translation>
    </message>
    <message>
        <source>list: before this time.</source>
        <translation>list：在此时间之前。</translation>
    </message>
    <message>
        <source>no database at %1</source>
        <translation>%1 处没有数据库</translation>
    </message>
    <message>
        <source>the export could not be written to the audit trail: %1</source>
        <translation>无法将此次导出写入审计记录：%1</translation>
    </message>
    <message>
        <source>Who signs in for --with-personal-data (password from OPSDECK_PASSWORD or the prompt).</source>
        <translation>使用 --with-personal-data 时登录的用户（密码取自 OPSDECK_PASSWORD 或提示输入）。</translation>
    </message>
    <message>
        <source>open %1 with this console once before rotating its key</source>
        <translation>请先用本控制台打开一次 %1，再轮换其密钥</translation>
    </message>
    <message>
        <source>key rotated: %1 values sealed with the new key in %2</source>
        <translation>密钥已轮换：%1 个值已用 %2 中的新密钥加密</translation>
    </message>
    <message>
        <source>Manage the personal-data key of the console's database</source>
        <translation>管理控制台数据库的个人数据密钥</translation>
    </message>
    <message>
        <source>Seal every personal value with a new key.</source>
        <translation>用新密钥重新加密所有个人数据。</translation>
    </message>
    <message>
        <source>Folder of the key files.</source>
        <translation>密钥文件所在的文件夹。</translation>
    </message>
    <message>
        <source>Who signs in (password from OPSDECK_PASSWORD or the prompt); the role is theirs.</source>
        <translation>登录的用户（密码取自 OPSDECK_PASSWORD 或提示输入）；角色即该用户的角色。</translation>
    </message>
    <message>
        <source>The console's database: its users and the audit.</source>
        <translation>控制台的数据库：其中的用户和审计记录。</translation>
    </message>
    <message>
        <source>Role: dispatcher, customer_service, ops_manager, merchant, admin.</source>
        <translation>角色：dispatcher（调度）、customer_service（客服）、ops_manager（运营经理）、merchant（商户）、admin（管理员）。</translation>
    </message>
    <message>
        <source>The merchant whose orders a merchant user sees.</source>
        <translation>商户用户可查看其订单的商户。</translation>
    </message>
    <message>
        <source>Encrypt the embedded gateway's sockets with CURVE (a key pair made for this run).</source>
        <translation>用 CURVE 加密内置网关的套接字（为本次运行生成密钥对）。</translation>
    </message>
    <message>
        <source>Start the embedded gateway's day empty, instead of three hours in (riders out, orders in every column, two hours of KPI history).</source>
        <translation>内置网关从空白的一天开始，而不是从已运行三小时的状态开始（骑手在途、各列均有订单、两小时的 KPI 历史）。</translation>
    </message>
    <message>
        <source>--gateway-key needs --feed (the embedded gateway takes --embedded-curve)</source>
        <translation>--gateway-key 需要 --feed（内置网关请用 --embedded-curve）</translation>
    </message>
    <message>
        <source>sign in with --user NAME (the password from OPSDECK_PASSWORD or the prompt)</source>
        <translation>请用 --user 用户名 登录（密码取自 OPSDECK_PASSWORD 或提示输入）</translation>
    </message>
    <message>
        <source>no database with users: give the console's --db</source>
        <translation>没有包含用户的数据库：请给出控制台的 --db</translation>
    </message>
    <message>
        <source>this database has no users yet: create the administrator with `opsdeck user add NAME --db FILE`</source>
        <translation>此数据库还没有用户：请用 `opsdeck user add 用户名 --db 文件` 创建管理员</translation>
    </message>
    <message>
        <source>Password for %1: </source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>no password given</source>
        <translation>未提供密码</translation>
    </message>
    <message>
        <source>Code from the authenticator app: </source>
        <translation>身份验证器应用中的验证码：</translation>
    </message>
    <message>
        <source>%1 is locked out until %2 after too many failed sign-ins</source>
        <translation>登录失败次数过多，%1 已被锁定至 %2</translation>
    </message>
    <message>
        <source>sign-in failed for %1 (%2)</source>
        <translation>%1 登录失败（%2）</translation>
    </message>
    <message>
        <source>cannot read the users: %1</source>
        <translation>无法读取用户：%1</translation>
    </message>
    <message>
        <source>Add, list, disable users and set their passwords</source>
        <translation>添加、列出、停用用户并设置其密码</translation>
    </message>
    <message>
        <source>add, passwd, disable, enable, totp or list</source>
        <translation>add、passwd、disable、enable、totp 或 list</translation>
    </message>
    <message>
        <source>The user to change</source>
        <translation>要修改的用户</translation>
    </message>
    <message>
        <source>The console's SQLite database.</source>
        <translation>控制台的 SQLite 数据库。</translation>
    </message>
    <message>
        <source>Who signs in to do it (needs manage_users).</source>
        <translation>执行此操作的登录用户（需要 manage_users 权限）。</translation>
    </message>
    <message>
        <source>admin, ops_manager, dispatcher, customer_service or merchant.</source>
        <translation>admin、ops_manager、dispatcher、customer_service 或 merchant。</translation>
    </message>
    <message>
        <source>A depot the user sees (repeat; none: all).</source>
        <translation>该用户可见的站点（可重复；不指定则为全部）。</translation>
    </message>
    <message>
        <source>The merchant of a merchant user.</source>
        <translation>商家用户所属的商家。</translation>
    </message>
    <message>
        <source>Also enrol a TOTP second factor.</source>
        <translation>同时登记 TOTP 第二因素。</translation>
    </message>
    <message>
        <source>New password for %1: </source>
        <translation>%1 的新密码：</translation>
    </message>
    <message>
        <source>Again: </source>
        <translation>再输入一次：</translation>
    </message>
    <message>
        <source>the passwords do not match</source>
        <translation>两次输入的密码不一致</translation>
    </message>
    <message>
        <source>TOTP secret (base32): %1</source>
        <translation>TOTP 密钥（base32）：%1</translation>
    </message>
    <message>
        <source>%1 (%2) lacks the permission manage_users</source>
        <translation>%1（%2）没有 manage_users 权限</translation>
    </message>
    <message>
        <source>%1 is the administrator</source>
        <translation>%1 是管理员</translation>
    </message>
    <message>
        <source>%1 — DEMO</source>
        <translation>%1 — 演示</translation>
    </message>
    <message>
        <source>DEMO</source>
        <translation>演示</translation>
    </message>
    <message>
        <source>The embedded demo gateway: simulated data, signed in as a demo user.</source>
        <translation>内置演示网关：模拟数据，以演示用户登录。</translation>
    </message>
    <message>
        <source>Erase personal data on request, or purge it after a retention</source>
        <translation>按请求删除个人数据，或在保留期后清除</translation>
    </message>
    <message>
        <source>erase: one customer's personal data; purge: all older than --days.</source>
        <translation>erase：删除一位顾客的个人数据；purge：清除早于 --days 天的全部个人数据。</translation>
    </message>
    <message>
        <source>The customer's phone number or opaque id (cust-…).</source>
        <translation>顾客的手机号或匿名编号（cust-…）。</translation>
    </message>
    <message>
        <source>Why (kept on the audit trail).</source>
        <translation>原因（记入审计日志）。</translation>
    </message>
    <message>
        <source>Keep personal data this many days.</source>
        <translation>个人数据保留的天数。</translation>
    </message>
    <message>
        <source>%1 order(s), %2 event(s), %3 rejected message(s) and %4 alert note(s) erased%5</source>
        <translation>已删除 %1 个订单、%2 个事件、%3 条被拒消息和 %4 条告警备注%5</translation>
    </message>
    <message>
        <source>The personal data retention must be a whole number of days from 1 to %1, not "%2".</source>
        <translation>个人数据保留期必须是 1 到 %1 之间的整数天数，而不是“%2”。</translation>
    </message>
    <message>
        <source>&amp;Erase personal data…</source>
        <translation>删除个人数据(&amp;E)…</translation>
    </message>
    <message>
        <source>orders, events, rejected or stock</source>
        <translation>orders、events、rejected 或 stock</translation>
    </message>
    <message>
        <source>%1's TOTP second factor is cleared: they enrol again with `opsdeck user totp %1 --user %1`</source>
        <translation>%1 的 TOTP 第二因素已清除：请其用 `opsdeck user totp %1 --user %1` 重新登记</translation>
    </message>
    <message>
        <source>only %1 can enrol their second factor (`opsdeck user totp %1 --user %1`): it is sealed under their password</source>
        <translation>只有 %1 本人可以登记其第二因素（`opsdeck user totp %1 --user %1`）：它以其本人的密码密封</translation>
    </message>
    <message>
        <source>--totp only for yourself: %1 enrols their second factor after the first sign-in (`opsdeck user totp %1 --user %1`)</source>
        <translation>--totp 只能用于自己：%1 在首次登录后自行登记第二因素（`opsdeck user totp %1 --user %1`）</translation>
    </message>
</context>
<context>
    <name>RetentionDialog</name>
    <message>
        <source>Data retention</source>
        <translation>数据保留期</translation>
    </message>
    <message>
        <source>How long the console keeps its history on disk. Older data is purged in small steps while the console runs, measured in feed time.</source>
        <translation>控制台在磁盘上保留历史数据的时长。更早的数据会在控制台运行时分小步清除，按数据源时间计算。</translation>
    </message>
    <message>
        <source>Event log (days):</source>
        <translation>事件日志（天）：</translation>
    </message>
    <message>
        <source>30</source>
        <translation>30</translation>
    </message>
    <message>
        <source>Rider position history (hours):</source>
        <translation>骑手位置历史（小时）：</translation>
    </message>
    <message>
        <source>24</source>
        <translation>24</translation>
    </message>
    <message>
        <source>Customers' personal data (days):</source>
        <translation>顾客个人数据（天）：</translation>
    </message>
    <message>
        <source>90</source>
        <translation>90</translation>
    </message>
    <message>
        <source>Names, phones, addresses and destinations older than this are erased; orders and figures stay.</source>
        <translation>早于此期限的姓名、电话、地址和收货位置将被删除；订单和统计数据保留。</translation>
    </message>
    <message>
        <source>The event log and personal data retentions apply at once; the position history retention at the next start.</source>
        <translation>事件日志和个人数据的保留期立即生效；位置历史的保留期在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>RiderPickerDialog</name>
    <message>
        <source>Reassign</source>
        <translation>改派</translation>
    </message>
    <message>
        <source>Search riders by id or name</source>
        <translation>按工号或姓名搜索骑手</translation>
    </message>
    <message>
        <source>Riders of the order's depot first, nearest along the roads to the pickup. Type to search, Enter picks the highlighted rider, Esc cancels.</source>
        <translation>先列订单所属站点的骑手，按沿道路到取货点的距离由近到远。输入即可搜索，回车选定高亮的骑手，Esc 取消。</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Sign in to OpsDeck</source>
        <translation>登录 OpsDeck</translation>
    </message>
    <message>
        <source>Sign in with your OpsDeck user. Your role decides what you see and may do.</source>
        <translation>请用你的 OpsDeck 用户登录。你的角色决定你能看到和执行的内容。</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Code from your authenticator app:</source>
        <translation>身份验证器应用中的验证码：</translation>
    </message>
    <message>
        <source>123456</source>
        <translation>123456</translation>
    </message>
</context>
<context>
    <name>StockSettingsDialog</name>
    <message>
        <source>Stock settings</source>
        <translation>库存设置</translation>
    </message>
    <message>
        <source>Target cover (hours):</source>
        <translation>目标可用时长（小时）：</translation>
    </message>
    <message>
        <source>A restock should leave this much cover once it arrives at the next delivery slot.</source>
        <translation>补货在下一个到货时段送达后应能维持的时长。</translation>
    </message>
    <message>
        <source>Low under (hours of cover):</source>
        <translation>偏低线（可用小时数）：</translation>
    </message>
    <message>
        <source>Delivery slots (Beijing time):</source>
        <translation>到货时段（北京时间）：</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::AlertServiceHost</name>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>Rule %1 (%2): %3</source>
        <translation>规则 %1（%2）：%3</translation>
    </message>
    <message>
        <source>no id</source>
        <translation>无 id</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::AuditDialog</name>
    <message>
        <source>Export audit trail</source>
        <translation>导出审计记录</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>The store has stopped: the audit trail cannot be read.</source>
        <translation>存储已停止：无法读取审计记录。</translation>
    </message>
    <message numerus="yes">
        <source>Chain whole: %n row(s) checked.</source>
        <translation>
            <numerusform>审计链完整：已校验 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Chain BROKEN at row %1: %2</source>
        <translation>审计链在第 %1 行断裂：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) shown.</source>
        <translation>
            <numerusform>显示 %n 行。</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 行到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export to %1: %2</source>
        <translation>无法导出到 %1：%2</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::AuditTableModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Permission</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::CommandPalette</name>
    <message>
        <source>Command palette: find any action, order or rider</source>
        <translation>命令面板：查找任意操作、订单或骑手</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::ControlCustomerService</name>
    <message>
        <source>No order selected.</source>
        <translation>未选择订单。</translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation>必须填写原因。</translation>
    </message>
    <message>
        <source>The amount must be a number of 0 or more.</source>
        <translation>金额必须是大于或等于 0 的数字。</translation>
    </message>
    <message>
        <source>A refund needs an amount above 0.</source>
        <translation>退款金额必须大于 0。</translation>
    </message>
    <message>
        <source>Unknown message template “%1”.</source>
        <translation>未知消息模板“%1”。</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::ControlOrderActions</name>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>No order selected.</source>
        <translation>未选择订单。</translation>
    </message>
    <message>
        <source>Choose a rider to reassign order %1 to.</source>
        <translation>请选择骑手以改派订单 %1。</translation>
    </message>
    <message>
        <source>A reason is required.</source>
        <translation>必须填写原因。</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::CorruptDatabaseDialog</name>
    <message>
        <source>File: %1</source>
        <translation>文件：%1</translation>
    </message>
    <message>
        <source>OpsDeck can move it aside, renamed to %1.corrupt-&lt;date&gt;-&lt;time&gt; with its key file next to it (nothing is deleted), and rebuild the board from the gateway's snapshot. The history in the damaged file stays in that file. Quit leaves the file as it is.</source>
        <translation>OpsDeck 可以将其移到一旁，重命名为 %1.corrupt-&lt;日期&gt;-&lt;时间&gt;，密钥文件放在旁边（不删除任何内容），并从网关快照重建看板。损坏文件中的历史记录仍保留在该文件中。选择“退出”则保持文件原样。</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::CreateAdminDialog</name>
    <message>
        <source>Create and sign in</source>
        <translation>创建并登录</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>The administrator was not created: %1</source>
        <translation>未能创建管理员：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::CurveOptions</name>
    <message>
        <source>This console's CURVE secret key file (default: %1).</source>
        <translation>本控制台的 CURVE 私钥文件（默认：%1）。</translation>
    </message>
    <message>
        <source>The gateway's CURVE public key file: encrypt feed, snapshot and control.</source>
        <translation>网关的 CURVE 公钥文件：加密数据流、快照和控制通道。</translation>
    </message>
    <message>
        <source>--curve-secret needs --gateway-key</source>
        <translation>--curve-secret 需要 --gateway-key</translation>
    </message>
    <message>
        <source>CURVE keys: %1</source>
        <translation>CURVE 密钥：%1</translation>
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
    <message>
        <source>Orders applied without an unreadable note or priority: %1</source>
        <translation>已应用但备注或优先级无法读取的订单：%1</translation>
    </message>
    <message>
        <source>%1: holes keep coming</source>
        <translation>%1：缺口不断出现</translation>
    </message>
    <message>
        <source>%1: %2 frames keep failing (%3), %4 so far</source>
        <translation>%1：%2 帧持续出错（%3），已 %4 条</translation>
    </message>
    <message>
        <source>%1; next resync within %2 s</source>
        <translation>%1；%2 秒内再次重新同步</translation>
    </message>
    <message>
        <source>Feed reads cleanly again: %1</source>
        <translation>数据流已恢复正常读取：%1</translation>
    </message>
    <message>
        <source>Feed degraded: %1</source>
        <translation>数据流降级：%1</translation>
    </message>
    <message numerus="yes">
        <source>Feed degraded: %n depots</source>
        <translation>
            <numerusform>数据流降级：%n 个站点</numerusform>
        </translation>
    </message>
    <message>
        <source>Resyncs of these depots back off while the gateway keeps sending frames the console cannot read; events above the holes are still applied, and the next snapshot makes them exact.
%1</source>
        <translation>网关持续发送控制台无法读取的帧，这些站点的重新同步已退避；缺口之后的事件仍会应用，下一次快照会使其准确。
%1</translation>
    </message>
    <message numerus="yes">
        <source>Shedding: %1 events dropped, %n depots resyncing</source>
        <translation>
            <numerusform>正在丢弃：已丢弃 %1 个事件，%n 个站点正在重新同步</numerusform>
        </translation>
    </message>
    <message>
        <source>Shed: %1 events dropped, every depot resynced</source>
        <translation>已丢弃 %1 个事件，所有站点均已重新同步</translation>
    </message>
    <message>
        <source>%1: %2 at the queue bound, %3 while resyncing</source>
        <translation>%1：队列达到上限时 %2 个，重新同步期间 %3 个</translation>
    </message>
    <message>
        <source>The console could not keep up, so it dropped these events instead of growing its memory; each depot affected is resynced from the gateway's snapshot, which restores every order's state.
%1</source>
        <translation>控制台处理不过来，因此丢弃了这些事件，而不是让内存无限增长；每个受影响的站点都会从网关快照重新同步，恢复每个订单的状态。
%1</translation>
    </message>
    <message>
        <source>Connected (encrypted)</source>
        <translation>已连接（已加密）</translation>
    </message>
    <message>
        <source>Gateway refused our key</source>
        <translation>网关拒绝了本机密钥</translation>
    </message>
    <message>
        <source>Gateway key does not match</source>
        <translation>网关密钥不匹配</translation>
    </message>
    <message>
        <source>Gateway is not encrypted</source>
        <translation>网关未加密</translation>
    </message>
    <message>
        <source>Gateway requires encryption</source>
        <translation>网关要求加密</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::IntakeServiceHost</name>
    <message>
        <source>The rate limit of %1 was set until %2: the playbook's limit there ends at %2 too, instead of replacing it for longer.</source>
        <translation>%1 的限流设定到 %2 为止：预案在此处的限流也在 %2 结束，不会以更长的时间替换它。</translation>
    </message>
    <message>
        <source>The breaker of %1 was set until %2: the playbook's setting there ends at %2 too, instead of replacing it for longer.</source>
        <translation>%1 的熔断器设定到 %2 为止：预案在此处的设置也在 %2 结束，不会以更长的时间替换它。</translation>
    </message>
    <message>
        <source>The diversion from %1 was set until %2: the playbook's diversion ends at %2 too, instead of replacing it for longer.</source>
        <translation>从 %1 的分流设定到 %2 为止：预案的分流也在 %2 结束，不会以更长的时间替换它。</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::KeyRotationRunner</name>
    <message>
        <source>the store has stopped; the rotation resumes at the next start</source>
        <translation>存储已停止；下次启动时将继续轮换</translation>
    </message>
    <message>
        <source>Finishing the data key rotation that was cut short…</source>
        <translation>正在完成上次中断的数据密钥轮换…</translation>
    </message>
    <message>
        <source>Rotate the data &amp;key</source>
        <translation>轮换数据密钥(&amp;K)</translation>
    </message>
    <message>
        <source>Rotating the data key…</source>
        <translation>正在轮换数据密钥…</translation>
    </message>
    <message>
        <source>Rotating the data key: %1 values re-sealed…</source>
        <translation>正在轮换数据密钥：已重新加密 %1 个值…</translation>
    </message>
    <message>
        <source>Data key rotated: %1 values re-sealed with the new key.</source>
        <translation>数据密钥已轮换：%1 个值已用新密钥重新加密。</translation>
    </message>
    <message>
        <source>Data key rotation stopped: %1</source>
        <translation>数据密钥轮换已中止：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::Keygen</name>
    <message>
        <source>Write a CURVE key pair for the encrypted transport</source>
        <translation>为加密传输生成 CURVE 密钥对</translation>
    </message>
    <message>
        <source>Directory (default: %1).</source>
        <translation>目录（默认：%1）。</translation>
    </message>
    <message>
        <source>File name without extension (console, gateway...).</source>
        <translation>不含扩展名的文件名（console、gateway……）。</translation>
    </message>
    <message>
        <source>--name must be 1-64 letters, digits, '.', '_' or '-'</source>
        <translation>--name 必须是 1-64 个字母、数字、“.”、“_”或“-”</translation>
    </message>
    <message>
        <source>%1 exists; not overwriting a key</source>
        <translation>%1 已存在；不会覆盖密钥</translation>
    </message>
    <message>
        <source>this libzmq has no CURVE support</source>
        <translation>此 libzmq 不支持 CURVE</translation>
    </message>
    <message>
        <source>wrote %1.key (secret) and %1.pub</source>
        <translation>已写入 %1.key（私钥）和 %1.pub</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::KpiServiceHost</name>
    <message>
        <source>KPI history is not available (no store).</source>
        <translation>指标历史不可用（无存储）。</translation>
    </message>
    <message>
        <source>KPI history is not available (the store has stopped).</source>
        <translation>指标历史不可用（存储已停止）。</translation>
    </message>
    <message>
        <source>KPI history is kept per merchant and per depot, not for a merchant within some depots.</source>
        <translation>指标历史按商户和按站点分别保存，不保存某商户在部分站点内的数据。</translation>
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
        <source>&amp;Reset layout</source>
        <translation>重置布局(&amp;R)</translation>
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
    <message>
        <source>&amp;Command palette…</source>
        <translation>命令面板(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts…</source>
        <translation>键盘快捷键(&amp;K)…</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::PaletteModel</name>
    <message>
        <source>Order %1</source>
        <translation>订单 %1</translation>
    </message>
    <message>
        <source>Rider %1</source>
        <translation>骑手 %1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::PluginHost</name>
    <message>
        <source>not a Qt plugin: %1</source>
        <translation>不是 Qt 插件：%1</translation>
    </message>
    <message>
        <source>implements '%1', this console needs '%2'</source>
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
        <source>id '%1' is already provided by %2</source>
        <translation>标识“%1”已由 %2 提供</translation>
    </message>
    <message>
        <source>missing dependency '%1' (version %2)</source>
        <translation>缺少依赖“%1”（版本 %2）</translation>
    </message>
    <message>
        <source>dependency '%1' is version %2, version %3 is needed</source>
        <translation>依赖“%1”的版本为 %2，需要版本 %3</translation>
    </message>
    <message>
        <source>dependency '%1' cannot be loaded</source>
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
        <source>'id' is missing</source>
        <translation>缺少“id”</translation>
    </message>
    <message>
        <source>'id' must be a non-empty string of letters, digits, '.', '_' or '-'</source>
        <translation>“id”必须是由字母、数字、“.”、“_”或“-”组成的非空字符串</translation>
    </message>
    <message>
        <source>'name' is missing</source>
        <translation>缺少“name”</translation>
    </message>
    <message>
        <source>'name' must be a non-empty string</source>
        <translation>“name”必须是非空字符串</translation>
    </message>
    <message>
        <source>'version' is missing</source>
        <translation>缺少“version”</translation>
    </message>
    <message>
        <source>'version' must be a string like "1.2.0"</source>
        <translation>“version”必须是形如 "1.2.0" 的字符串</translation>
    </message>
    <message>
        <source>'sdkVersion' is missing</source>
        <translation>缺少“sdkVersion”</translation>
    </message>
    <message>
        <source>'sdkVersion' must be an integer</source>
        <translation>“sdkVersion”必须是整数</translation>
    </message>
    <message>
        <source>'roles' is missing</source>
        <translation>缺少“roles”</translation>
    </message>
    <message>
        <source>'roles' must be an array of strings</source>
        <translation>“roles”必须是字符串数组</translation>
    </message>
    <message>
        <source>'dependencies' is missing</source>
        <translation>缺少“dependencies”</translation>
    </message>
    <message>
        <source>'dependencies' must be an array</source>
        <translation>“dependencies”必须是数组</translation>
    </message>
    <message>
        <source>each dependency must be {"id": string, "version": "x.y"}</source>
        <translation>每个依赖必须是 {"id": 字符串, "version": "x.y"}</translation>
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
    <name>opsdeck::app::PrivacyEraseDialog</name>
    <message>
        <source>Erasing…</source>
        <translation>正在删除…</translation>
    </message>
    <message>
        <source>the store has stopped</source>
        <translation>存储已停止</translation>
    </message>
    <message>
        <source>Erased for %1: %2 order(s), %3 event(s), %4 rejected message(s), %5 alert note(s). The board shows what it holds in memory until the console restarts.</source>
        <translation>已为 %1 删除：%2 个订单、%3 个事件、%4 条被拒消息、%5 条告警备注。看板在控制台重启前仍显示内存中的数据。</translation>
    </message>
    <message>
        <source>Nothing was erased: %1</source>
        <translation>未删除任何数据：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::RetentionStatusLabel</name>
    <message>
        <source>Purging events older than %1 days: %2 removed</source>
        <translation>正在清除早于 %1 天的事件：已删除 %2 条</translation>
    </message>
    <message>
        <source>Event log: %1 events older than %2 days purged</source>
        <translation>事件日志：已清除 %1 条早于 %2 天的事件</translation>
    </message>
    <message>
        <source>The event log keeps %1 days of feed time (Settings → Data retention). Older events, their timeline entries, alerts and resyncs are purged in small steps between writes.
Purged since the start: %2 events, %3 other rows in %4 steps (longest %5 ms)</source>
        <translation>事件日志按数据源时间保留 %1 天（设置 → 数据保留期）。更早的事件及其时间线条目、告警和重同步记录会在写入之间分小步清除。
启动以来已清除：%2 条事件，%3 条其他记录，共 %4 步（最长 %5 毫秒）</translation>
    </message>
    <message>
        <source>Personal data older than %1 days: %2 rows erased</source>
        <translation>超过 %1 天的个人数据：已删除 %2 行</translation>
    </message>
    <message>
        <source>Customers' names, phones, addresses and destinations are kept %1 days (Settings → Data retention), then erased; orders and figures stay.</source>
        <translation>顾客的姓名、电话、地址和收货位置保留 %1 天（设置 → 数据保留），之后删除；订单和统计数据保留。</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Signed out after a while without use. Sign in again to go on where you were.</source>
        <translation>闲置一段时间后已登出。请重新登录，从刚才的位置继续。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在验证…</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app.</source>
        <translation>请输入身份验证器应用中的 6 位验证码。</translation>
    </message>
    <message>
        <source>The code is wrong or too old.</source>
        <translation>验证码错误或已过期。</translation>
    </message>
    <message>
        <source>Too many failed sign-ins: this user is locked until %1.</source>
        <translation>登录失败次数过多：该用户已被锁定至 %1。</translation>
    </message>
    <message>
        <source>This user is disabled: ask your administrator.</source>
        <translation>该用户已停用：请联系管理员。</translation>
    </message>
    <message>
        <source>The user name or password is wrong.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>The users cannot be read: %1</source>
        <translation>无法读取用户：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::StockServiceHost</name>
    <message>
        <source>%1 is not a number: "%2".</source>
        <translation>%1 不是数字：“%2”。</translation>
    </message>
    <message>
        <source>Stock settings in the settings file refused (%1); the defaults are used.</source>
        <translation>设置文件中的库存设置被拒绝（%1）；已使用默认值。</translation>
    </message>
    <message>
        <source>This console has no database to export from.</source>
        <translation>此控制台没有可导出的数据库。</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::StoreOrderHistory</name>
    <message>
        <source>Created (%1, merchant %2)</source>
        <translation>已创建（%1，商家 %2）</translation>
    </message>
    <message>
        <source>Paid %1 (%2)</source>
        <translation>已支付 %1（%2）</translation>
    </message>
    <message>
        <source>Held: %1</source>
        <translation>已挂起：%1</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>已解除挂起</translation>
    </message>
    <message>
        <source>Stock checked: all in stock</source>
        <translation>库存核对：全部有货</translation>
    </message>
    <message>
        <source>Stock checked: short of stock</source>
        <translation>库存核对：库存不足</translation>
    </message>
    <message>
        <source>Restocked</source>
        <translation>已补货</translation>
    </message>
    <message>
        <source>Dispatched</source>
        <translation>已派单</translation>
    </message>
    <message>
        <source>Reassigned</source>
        <translation>已改派</translation>
    </message>
    <message>
        <source>ETA updated: %1</source>
        <translation>预计送达已更新：%1</translation>
    </message>
    <message>
        <source>Exception: %1</source>
        <translation>异常：%1</translation>
    </message>
    <message>
        <source>%1: %2 (reported by %3)</source>
        <translation>%1：%2（上报人：%3）</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>已签收</translation>
    </message>
    <message>
        <source>Return started: %1</source>
        <translation>已发起退货：%1</translation>
    </message>
    <message>
        <source>Claim opened: %1 (%2)</source>
        <translation>已发起理赔：%1（%2）</translation>
    </message>
    <message>
        <source>Closed: %1</source>
        <translation>已关闭：%1</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>已取消：%1</translation>
    </message>
    <message>
        <source>(body unreadable)</source>
        <translation>（内容无法读取）</translation>
    </message>
    <message>
        <source>Rider at the customer (from GPS)</source>
        <translation>骑手已到达顾客处（GPS 判定）</translation>
    </message>
    <message>
        <source>Rider arrived at depot %1 (from GPS)</source>
        <translation>骑手到达站点 %1（GPS 判定）</translation>
    </message>
    <message>
        <source>Rider left depot %1 (from GPS)</source>
        <translation>骑手离开站点 %1（GPS 判定）</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>%1 %2 by %3: %4</source>
        <translation>%1 %2，操作人 %3：%4</translation>
    </message>
    <message>
        <source>Rider reported: %1</source>
        <translation>骑手上报：%1</translation>
    </message>
    <message>
        <source>Refunded %1: %2</source>
        <translation>已退款 %1：%2</translation>
    </message>
    <message>
        <source>Customer notified: %1</source>
        <translation>已通知顾客：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::StoreStatusLabel</name>
    <message>
        <source>Disk writable again: %1 events were dropped, resyncing from the gateway</source>
        <translation>磁盘已恢复可写：已丢弃 %1 个事件，正在从网关重新同步</translation>
    </message>
    <message>
        <source>Disk full: memory cap reached, %1 events dropped until a resync</source>
        <translation>磁盘已满：已达内存上限，重新同步前已丢弃 %1 个事件</translation>
    </message>
    <message>
        <source>Database read-only: memory cap reached, %1 events dropped until a resync</source>
        <translation>数据库只读：已达内存上限，重新同步前已丢弃 %1 个事件</translation>
    </message>
    <message>
        <source>Disk full: holding %1 events in memory</source>
        <translation>磁盘已满：内存中暂存 %1 个事件</translation>
    </message>
    <message>
        <source>Database read-only: holding %1 events in memory</source>
        <translation>数据库只读：内存中暂存 %1 个事件</translation>
    </message>
    <message>
        <source>The database cannot be written. The console keeps running from memory and writes what it holds once it can.
Held: %1 events
Failed writes: %2
Dropped at the memory cap: %3 events (the gateway's snapshot restores the board after a drop)</source>
        <translation>数据库无法写入。控制台继续在内存中运行，一旦可以写入便写入暂存的内容。
暂存：%1 个事件
写入失败：%2 次
因内存上限丢弃：%3 个事件（丢弃后由网关快照恢复看板）</translation>
    </message>
    <message>
        <source>Database cannot be opened: memory cap reached, %1 events dropped until a resync</source>
        <translation>数据库无法打开：已达内存上限，重新同步前已丢弃 %1 个事件</translation>
    </message>
    <message>
        <source>Database cannot be opened: holding %1 events in memory</source>
        <translation>数据库无法打开：内存中暂存 %1 个事件</translation>
    </message>
</context>
<context>
    <name>opsdeck::app::ThemeController</name>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>跟随系统(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
</context>
<context>
    <name>opsdeck::dispatcher::DispatcherPlugin</name>
    <message>
        <source>Live orders</source>
        <translation>实时订单</translation>
    </message>
    <message>
        <source>Orders by state</source>
        <translation>各状态订单数</translation>
    </message>
    <message>
        <source>Live map</source>
        <translation>实时地图</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Order detail</source>
        <translation>订单详情</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
</context>
<context>
    <name>opsdeck::merchant::MerchantPlugin</name>
    <message>
        <source>My orders</source>
        <translation>我的订单</translation>
    </message>
    <message>
        <source>Order detail</source>
        <translation>订单详情</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>告警</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>库存</translation>
    </message>
</context>
<context>
    <name>opsdeck::sdk::StockService</name>
    <message>
        <source>This console keeps no stock settings.</source>
        <translation>此控制台不保存库存设置。</translation>
    </message>
    <message>
        <source>"%1" is not a time of day (HH:MM, e.g. 06:00).</source>
        <translation>“%1”不是有效的时刻（HH:MM，例如 06:00）。</translation>
    </message>
    <message>
        <source>%1 is listed twice.</source>
        <translation>%1 重复列出。</translation>
    </message>
    <message>
        <source>At least one delivery slot is needed.</source>
        <translation>至少需要一个到货时段。</translation>
    </message>
    <message>
        <source>The target cover must be more than 0 and at most 336 hours (14 days).</source>
        <translation>目标可用时长必须大于 0 且不超过 336 小时（14 天）。</translation>
    </message>
    <message>
        <source>The low line must be between 0 and 168 hours (7 days).</source>
        <translation>偏低线必须在 0 到 168 小时（7 天）之间。</translation>
    </message>
    <message>
        <source>The low line must be under the target cover.</source>
        <translation>偏低线必须低于目标可用时长。</translation>
    </message>
    <message>
        <source>A delivery slot is not a time of day.</source>
        <translation>到货时段不是有效的时刻。</translation>
    </message>
    <message>
        <source>This console cannot export stock.</source>
        <translation>此控制台无法导出库存。</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::ActionReasonDialog</name>
    <message numerus="yes">
        <source>%n orders</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::AlertNotifier</name>
    <message>
        <source>OpsDeck alerts</source>
        <translation>OpsDeck 告警</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 (and %n more)</source>
        <translation>
            <numerusform>%1：%2（另有 %n 条）</numerusform>
        </translation>
    </message>
    <message>
        <source>Critical alert</source>
        <translation>严重告警</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::AlertQueueModel</name>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Major</source>
        <translation>重要</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Acknowledged</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>已指派</translation>
    </message>
    <message>
        <source>Snoozed</source>
        <translation>已暂缓</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 ↑</source>
        <translation>%1 ↑</translation>
    </message>
    <message>
        <source>Assigned to %1</source>
        <translation>已指派给 %1</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::AlertQueueWidget</name>
    <message>
        <source>%1  #%2 %3 by %4: %5 %6 %7</source>
        <translation>%1  #%2 %3，操作人 %4：%5 %6 %7</translation>
    </message>
    <message>
        <source>No alert history matches "%1".</source>
        <translation>没有与“%1”匹配的告警历史。</translation>
    </message>
    <message>
        <source>Critical %1</source>
        <translation>严重 %1</translation>
    </message>
    <message>
        <source>Major %1</source>
        <translation>重要 %1</translation>
    </message>
    <message>
        <source>Warning %1</source>
        <translation>警告 %1</translation>
    </message>
    <message>
        <source>Info %1</source>
        <translation>提示 %1</translation>
    </message>
    <message>
        <source>Snoozed %1</source>
        <translation>已暂缓 %1</translation>
    </message>
    <message>
        <source>Alerts (%1)</source>
        <translation>告警（%1）</translation>
    </message>
    <message>
        <source>resolved from the queue</source>
        <translation>从告警队列中解决</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>确认</translation>
    </message>
    <message>
        <source>Assign to…</source>
        <translation>指派给…</translation>
    </message>
    <message>
        <source>Assign alert</source>
        <translation>指派告警</translation>
    </message>
    <message>
        <source>Assign to:</source>
        <translation>指派给：</translation>
    </message>
    <message>
        <source>Snooze 15 minutes</source>
        <translation>暂缓 15 分钟</translation>
    </message>
    <message>
        <source>Snooze 1 hour</source>
        <translation>暂缓 1 小时</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>解决</translation>
    </message>
    <message>
        <source>Show on board and map</source>
        <translation>在看板和地图上显示</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::AlertRulesDialog</name>
    <message>
        <source>No alert service in this console</source>
        <translation>此控制台没有告警服务</translation>
    </message>
    <message>
        <source>The rules are valid.</source>
        <translation>规则有效。</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s): fix them to save.</source>
        <translation>
            <numerusform>%n 个问题：修正后才能保存。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::BoardActionController</name>
    <message>
        <source>Orders cannot be moved to %1 from the console: only the feed moves them there.</source>
        <translation>无法在控制台将订单移至%1：只有数据流能将订单移到该状态。</translation>
    </message>
    <message>
        <source>Actions are not available in this console.</source>
        <translation>此控制台不支持操作。</translation>
    </message>
    <message>
        <source>%1 refused: %2</source>
        <translation>%1 个订单被拒绝：%2</translation>
    </message>
    <message numerus="yes">
        <source>%n command(s) sent; cards stay pending until the feed confirms.</source>
        <translation>
            <numerusform>已发送 %n 条指令；数据流确认前，卡片保持待确认状态。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 refused by the gateway: %2</source>
        <translation>%1 被网关拒绝：%2</translation>
    </message>
    <message>
        <source>no answer in 3 s</source>
        <translation>3 s 内无应答</translation>
    </message>
    <message>
        <source>%1: the gateway did not answer in 3 s (unconfirmed).</source>
        <translation>%1：网关 3 s 内未应答（未确认）。</translation>
    </message>
    <message>
        <source>Your role (%1) may not reassign orders; a dispatcher can.</source>
        <translation>您的角色（%1）不能改派订单；调度员可以。</translation>
    </message>
    <message>
        <source>Your role (%1) may not hold orders; a dispatcher can.</source>
        <translation>您的角色（%1）不能挂起订单；调度员可以。</translation>
    </message>
    <message>
        <source>Your role (%1) may not release orders; a dispatcher can.</source>
        <translation>您的角色（%1）不能解除挂起；调度员可以。</translation>
    </message>
    <message>
        <source>Your role (%1) may not cancel orders; a dispatcher can.</source>
        <translation>您的角色（%1）不能取消订单；调度员可以。</translation>
    </message>
    <message>
        <source>Hold order %1?</source>
        <translation>挂起订单 %1？</translation>
    </message>
    <message>
        <source>Cancel order %1?</source>
        <translation>取消订单 %1？</translation>
    </message>
    <message numerus="yes">
        <source>Hold %n orders?</source>
        <translation>
            <numerusform>挂起 %n 个订单？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancel %n orders?</source>
        <translation>
            <numerusform>取消 %n 个订单？</numerusform>
        </translation>
    </message>
    <message>
        <source>Why hold order %1? It is %2 now.</source>
        <translation>为什么挂起订单 %1？它当前为“%2”。</translation>
    </message>
    <message>
        <source>Why cancel order %1? It is %2 now.</source>
        <translation>为什么取消订单 %1？它当前为“%2”。</translation>
    </message>
    <message numerus="yes">
        <source>Why hold these %n orders?</source>
        <translation>
            <numerusform>为什么挂起这 %n 个订单？</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Why cancel these %n orders?</source>
        <translation>
            <numerusform>为什么取消这 %n 个订单？</numerusform>
        </translation>
    </message>
    <message>
        <source>Order %1 moved from %2 to %3 meanwhile: nothing was sent for it.</source>
        <translation>订单 %1 在此期间已从“%2”变为“%3”：未对它发送任何指令。</translation>
    </message>
    <message>
        <source>Order %1 moved from %2 to %3 since the board showed it: nothing was sent. Look at it again.</source>
        <translation>看板显示订单 %1 之后，它已从“%2”变为“%3”：未发送任何指令。请重新查看。</translation>
    </message>
    <message>
        <source>%1 moved: %2</source>
        <translation>%1 个已变化：%2</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::BoardColumnView</name>
    <message>
        <source>Collapse or expand this done-today column</source>
        <translation>折叠或展开今日已完成列</translation>
    </message>
    <message>
        <source>%1, oldest %2 listed</source>
        <translation>%1，已列出最早的 %2 个</translation>
    </message>
    <message>
        <source>The oldest cards are listed first; scroll to the end for more. A card you act on or select elsewhere is always listed.</source>
        <translation>最早的卡片先列出；滚动到底部可列出更多。您操作过或在别处选中的卡片总会列出。</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::BoardModel</name>
    <message>
        <source>%1 · %2 · %3</source>
        <translation>%1 · %2 · %3</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::CardListView</name>
    <message>
        <source>%1 +%2</source>
        <translation>%1 +%2</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::ControlCommandsModel</name>
    <message>
        <source>limit %1 to %2/min</source>
        <translation>将 %1 限流为 %2/min</translation>
    </message>
    <message>
        <source>, burst %1</source>
        <translation>，突发量 %1</translation>
    </message>
    <message>
        <source>clear limit of %1</source>
        <translation>解除 %1 的限流</translation>
    </message>
    <message>
        <source>breaker %1: %2</source>
        <translation>熔断器 %1：%2</translation>
    </message>
    <message>
        <source>divert %1% of %2 to %3</source>
        <translation>将 %2 的 %1% 分流到 %3</translation>
    </message>
    <message>
        <source>stop diverting %1</source>
        <translation>停止 %1 的分流</translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>refused: your role may not do this</source>
        <translation>已拒绝：你的角色无权执行此操作</translation>
    </message>
    <message>
        <source>refused: a reason is required</source>
        <translation>已拒绝：必须填写原因</translation>
    </message>
    <message>
        <source>not reset: the state before it is unknown, reset it by hand</source>
        <translation>未复原：此前状态未知，请手动复原</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>已拒绝：%1</translation>
    </message>
    <message>
        <source>unconfirmed: no effect seen</source>
        <translation>未确认：未见生效</translation>
    </message>
    <message>
        <source>unconfirmed: no answer</source>
        <translation>未确认：无应答</translation>
    </message>
    <message>
        <source> until %1</source>
        <translation>，至 %1</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>指令</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::IntakeBreakersModel</name>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Error rate</source>
        <translation>错误率</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::IntakeControlPanel</name>
    <message>
        <source>Offered</source>
        <translation>提交</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>接受</translation>
    </message>
    <message>
        <source>Rate limited</source>
        <translation>被限流</translation>
    </message>
    <message>
        <source>Breaker open</source>
        <translation>熔断器断开</translation>
    </message>
    <message>
        <source>New orders per second</source>
        <translation>每秒新订单数</translation>
    </message>
    <message>
        <source>orders/s</source>
        <translation>订单/s</translation>
    </message>
    <message>
        <source>Intake control is not available in this console.</source>
        <translation>此控制台不支持进单控制。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>forced open (stop new orders)</source>
        <translation>强制断开（停止接收新订单）</translation>
    </message>
    <message>
        <source>forced closed (never trip)</source>
        <translation>强制闭合（从不熔断）</translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation>永久</translation>
    </message>
    <message>
        <source>For 30 minutes</source>
        <translation>30 分钟</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>1 小时</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>直到</translation>
    </message>
    <message>
        <source>All depots</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <source>A reason is required: it goes into the audit log with the change.</source>
        <translation>必须填写原因：原因将随此变更一起记入审计日志。</translation>
    </message>
    <message>
        <source>Playbook '%1' could not be applied.</source>
        <translation>预案“%1”无法应用。</translation>
    </message>
    <message>
        <source>Playbook '%1' is not applied.</source>
        <translation>预案“%1”未应用。</translation>
    </message>
    <message>
        <source>Applied. %1</source>
        <translation>已应用。%1</translation>
    </message>
    <message>
        <source>No playbooks are configured.</source>
        <translation>未配置任何预案。</translation>
    </message>
    <message>
        <source>Your role may watch intake but not change it.</source>
        <translation>你的角色可以查看进单情况，但不能修改。</translation>
    </message>
    <message>
        <source>Waiting for gateway.stats…</source>
        <translation>正在等待 gateway.stats…</translation>
    </message>
    <message>
        <source>per second: offered %1 · accepted %2 · rate limited %3 · breaker open %4</source>
        <translation>每秒：提交 %1 · 接受 %2 · 被限流 %3 · 熔断器断开 %4</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::IntakeDiversionsModel</name>
    <message>
        <source>From depot</source>
        <translation>调出站点</translation>
    </message>
    <message>
        <source>To depot</source>
        <translation>调入站点</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>比例</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::IntakeLimitsModel</name>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>Burst</source>
        <translation>突发量</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::KpiDashboardWidget</name>
    <message>
        <source>All depots</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <source>KPIs are not available in this console.</source>
        <translation>此控制台不支持指标。</translation>
    </message>
    <message>
        <source>Waiting for the first figures…</source>
        <translation>正在等待首批数据…</translation>
    </message>
    <message>
        <source>Orders / min</source>
        <translation>订单/分钟</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>履约率</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>准时率</translation>
    </message>
    <message>
        <source>Pick time p50</source>
        <translation>拣货时长 p50</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货率</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>异常率</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损耗率</translation>
    </message>
    <message>
        <source>Intake accepted</source>
        <translation>进单接受</translation>
    </message>
    <message>
        <source>vs last hour</source>
        <translation>较上一小时</translation>
    </message>
    <message>
        <source>History unavailable: %1</source>
        <translation>历史数据不可用：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n orders</source>
        <translation>
            <numerusform>%n 个订单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n signed</source>
        <translation>
            <numerusform>已签收 %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>signed by the promised time</source>
        <translation>承诺送达时间前签收</translation>
    </message>
    <message>
        <source>paid to signed</source>
        <translation>支付至签收</translation>
    </message>
    <message>
        <source>p90 %1</source>
        <translation>p90 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n short</source>
        <translation>
            <numerusform>缺货 %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 online on average</source>
        <translation>平均在线 %1 人</translation>
    </message>
    <message>
        <source>Updated %1 · %2 events</source>
        <translation>更新于 %1 · %2 个事件</translation>
    </message>
    <message>
        <source>%1 – %2 · from history</source>
        <translation>%1 – %2 · 历史数据</translation>
    </message>
    <message>
        <source>Export KPI report as PDF</source>
        <translation>导出指标报表为 PDF</translation>
    </message>
    <message>
        <source>Export KPI report as CSV</source>
        <translation>导出指标报表为 CSV</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Folder for the daily KPI report</source>
        <translation>每日指标报表的保存文件夹</translation>
    </message>
    <message>
        <source>OpsDeck KPI report</source>
        <translation>OpsDeck 指标报表</translation>
    </message>
    <message>
        <source>The report could not be written.</source>
        <translation>报表无法写入。</translation>
    </message>
    <message>
        <source>too few to judge</source>
        <translation>样本太少，不作评判</translation>
    </message>
    <message>
        <source>created per minute</source>
        <translation>每分钟新建</translation>
    </message>
    <message>
        <source>%1 of %2 delivered</source>
        <translation>%2 单中送达 %1</translation>
    </message>
    <message>
        <source>delivered of finished orders</source>
        <translation>已结束订单中的送达占比</translation>
    </message>
    <message>
        <source>no order due yet</source>
        <translation>尚无到期订单</translation>
    </message>
    <message>
        <source>p50 %1</source>
        <translation>p50 %1</translation>
    </message>
    <message>
        <source>picking to dispatch</source>
        <translation>拣货至派单</translation>
    </message>
    <message>
        <source>of stock checks</source>
        <translation>占库存核验</translation>
    </message>
    <message numerus="yes">
        <source>of %n dispatched</source>
        <translation>
            <numerusform>占已派 %n 单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n claimed</source>
        <translation>
            <numerusform>理赔 %n 单</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cold-chain excursions: %n</source>
        <translation>
            <numerusform>冷链超温：%n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 utilised</source>
        <translation>利用率 %1</translation>
    </message>
    <message>
        <source>%1 of %2 accepted</source>
        <translation>%2 单中接收 %1</translation>
    </message>
    <message numerus="yes">
        <source>%n rejected</source>
        <translation>
            <numerusform>拒收 %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>Delivery time p90</source>
        <translation>配送时长 p90</translation>
    </message>
    <message>
        <source>Riders online</source>
        <translation>在线骑手</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::KpiReportScheduler</name>
    <message>
        <source>OpsDeck daily KPI report</source>
        <translation>OpsDeck 每日指标报表</translation>
    </message>
    <message>
        <source>Cannot create the report folder %1.</source>
        <translation>无法创建报表文件夹 %1。</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::KpiTile</name>
    <message>
        <source>Show the orders behind this figure on the board</source>
        <translation>在看板上显示该数值对应的订单</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::MapPanel</name>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>Loading stored positions…</source>
        <translation>正在加载已存位置…</translation>
    </message>
    <message>
        <source>No stored positions yet</source>
        <translation>暂无已存位置</translation>
    </message>
    <message>
        <source>Whole city</source>
        <translation>全城</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::MapView</name>
    <message>
        <source>Live rider map</source>
        <translation>骑手实时地图</translation>
    </message>
    <message>
        <source>zoom %1</source>
        <translation>缩放 %1</translation>
    </message>
    <message>
        <source>%1° %2, %3° %4 · zoom %5</source>
        <translation>%2纬 %1°，%4经 %3° · 缩放 %5</translation>
    </message>
    <message>
        <source>N</source>
        <translation>北</translation>
    </message>
    <message>
        <source>S</source>
        <translation>南</translation>
    </message>
    <message>
        <source>E</source>
        <translation>东</translation>
    </message>
    <message>
        <source>W</source>
        <translation>西</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 km</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 m</translation>
    </message>
    <message numerus="yes">
        <source>%n s ago</source>
        <translation>
            <numerusform>%n 秒前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min ago</source>
        <translation>
            <numerusform>%n 分钟前</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n h ago</source>
        <translation>
            <numerusform>%n 小时前</numerusform>
        </translation>
    </message>
    <message>
        <source>Replay · %1</source>
        <translation>回放 · %1</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>Orders: none</source>
        <translation>订单：无</translation>
    </message>
    <message>
        <source>Orders: %1</source>
        <translation>订单：%1</translation>
    </message>
    <message>
        <source> +%1</source>
        <translation> +%1</translation>
    </message>
    <message>
        <source>Speed: %1 km/h</source>
        <translation>速度：%1 km/h</translation>
    </message>
    <message>
        <source>Battery: not reported</source>
        <translation>电量：未上报</translation>
    </message>
    <message>
        <source>Battery: %1 %</source>
        <translation>电量：%1 %</translation>
    </message>
    <message>
        <source>Last fix: %1%2</source>
        <translation>最后定位：%1%2</translation>
    </message>
    <message>
        <source> (stale)</source>
        <translation>（已过期）</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>stale fix  %1</source>
        <translation>定位过期  %1</translation>
    </message>
    <message>
        <source>%1 riders · %2</source>
        <translation>%1 名骑手 · %2</translation>
    </message>
    <message numerus="yes">
        <source> · %n bad row(s) ignored</source>
        <translation>
            <numerusform> · 已忽略 %n 行错误数据</numerusform>
        </translation>
    </message>
    <message>
        <source>Following %1 · F or a pan stops</source>
        <translation>正在跟随 %1 · 按 F 或平移地图即停止</translation>
    </message>
    <message>
        <source>%1 · feed degraded</source>
        <translation>%1 · 数据流降级</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::MerchantOrdersPanel</name>
    <message>
        <source>Customer details are masked for this role.</source>
        <translation>此角色看到的顾客信息已脱敏。</translation>
    </message>
    <message>
        <source>Choose your merchant…</source>
        <translation>选择您的商家…</translation>
    </message>
    <message>
        <source>Pick the merchant whose orders you follow.</source>
        <translation>请选择要跟进订单的商家。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) today</source>
        <translation>
            <numerusform>今日 %n 个订单</numerusform>
        </translation>
    </message>
    <message>
        <source>No merchant is set for this user.</source>
        <translation>此用户未设置商户。</translation>
    </message>
    <message>
        <source>Merchant: %1</source>
        <translation>商户：%1</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::MerchantStockPanel</name>
    <message>
        <source>Export restock CSV</source>
        <translation>导出补货 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n row(s) to %1.</source>
        <translation>
            <numerusform>已导出 %n 行到 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not export to %1: %2</source>
        <translation>无法导出到 %1：%2</translation>
    </message>
    <message>
        <source>Use per hour: what the level fell by over the last 6 hours (deliveries not counted). Low: at the reorder point or under %1 hours of cover. Restock: enough for %2 hours of cover once the next delivery arrives (slots %3, Beijing time).</source>
        <translation>每小时用量：过去 6 小时库存的减少量（不计补货）。偏低：达到补货点或可用不足 %1 小时。补货建议：下次到货后可维持 %2 小时的用量（到货时段 %3，北京时间）。</translation>
    </message>
    <message>
        <source>Exporting to %1…</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>This console has no stock figures.</source>
        <translation>此控制台没有库存数据。</translation>
    </message>
    <message>
        <source>No stock levels received yet.</source>
        <translation>尚未收到库存数据。</translation>
    </message>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n 项商品</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 low · %2 out · next delivery %3</source>
        <translation>%1 项偏低 · %2 项缺货 · 下次到货 %3</translation>
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
    <name>opsdeck::widgets::OrderCardDelegate</name>
    <message>
        <source>%1m</source>
        <translation>%1分</translation>
    </message>
    <message>
        <source>%1h%2m</source>
        <translation>%1时%2分</translation>
    </message>
    <message>
        <source>%1d</source>
        <translation>%1天</translation>
    </message>
    <message numerus="yes">
        <source>%n min late</source>
        <translation>
            <numerusform>超时 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min left</source>
        <translation>
            <numerusform>剩余 %n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>pending</source>
        <translation>待确认</translation>
    </message>
    <message>
        <source>confirmed</source>
        <translation>已确认</translation>
    </message>
    <message>
        <source>unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <source>suspicious</source>
        <translation>可疑</translation>
    </message>
    <message>
        <source>no rider</source>
        <translation>无骑手</translation>
    </message>
    <message>
        <source>%1 in state</source>
        <translation>本状态已停留 %1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1  %2</source>
        <translation>%1  %2</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>应送达 %1</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>加急</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <source>note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::OrderDetailPanel</name>
    <message>
        <source>The order history is not available in this console.</source>
        <translation>此控制台无法查看订单历史。</translation>
    </message>
    <message>
        <source>not dispatched</source>
        <translation>未派单</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>%1: ETA %2 (%3)</source>
        <translation>%1：预计送达 %2（%3）</translation>
    </message>
    <message>
        <source>ETA and its updates</source>
        <translation>预计送达及其更新</translation>
    </message>
    <message>
        <source>No ETA yet.</source>
        <translation>暂无预计送达时间。</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>No items recorded.</source>
        <translation>未记录商品。</translation>
    </message>
    <message>
        <source>E-signature</source>
        <translation>电子签名</translation>
    </message>
    <message>
        <source>Not signed.</source>
        <translation>未签收。</translation>
    </message>
    <message>
        <source>Exception notes</source>
        <translation>异常备注</translation>
    </message>
    <message>
        <source>No exceptions.</source>
        <translation>无异常。</translation>
    </message>
    <message>
        <source>Actions taken</source>
        <translation>已执行操作</translation>
    </message>
    <message>
        <source>No console actions on this order in this session.</source>
        <translation>本次会话中未对此订单执行控制台操作。</translation>
    </message>
    <message>
        <source>Urgent order</source>
        <translation>加急订单</translation>
    </message>
    <message>
        <source>Priority order</source>
        <translation>优先订单</translation>
    </message>
    <message>
        <source>no promised time</source>
        <translation>无承诺时间</translation>
    </message>
    <message>
        <source>delivered on time</source>
        <translation>准时送达</translation>
    </message>
    <message numerus="yes">
        <source>delivered %n min late</source>
        <translation>
            <numerusform>晚 %n 分钟送达</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>delivered %n min early</source>
        <translation>
            <numerusform>提前 %n 分钟送达</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>ETA passed %n min ago</source>
        <translation>
            <numerusform>已超过预计送达 %n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>arrives in %n min</source>
        <translation>
            <numerusform>%n 分钟后送达</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Merchant %1 · %2 · depot %3&lt;br&gt;Customer %4 %5&lt;br&gt;Address %6&lt;br&gt;Rider %7&lt;br&gt;ETA %8&lt;br&gt;Promised %9 (%10)</source>
        <translation>商家 %1 · %2 · 站点 %3&lt;br&gt;顾客 %4 %5&lt;br&gt;地址 %6&lt;br&gt;骑手 %7&lt;br&gt;预计送达 %8&lt;br&gt;承诺 %9（%10）</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::OrderKanbanBoard</name>
    <message>
        <source>All channels</source>
        <translation>全部渠道</translation>
    </message>
    <message>
        <source>Fresh</source>
        <translation>生鲜</translation>
    </message>
    <message>
        <source>Campus</source>
        <translation>校园</translation>
    </message>
    <message>
        <source>Errand</source>
        <translation>跑腿</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>保存视图</translation>
    </message>
    <message>
        <source>Name of this view:</source>
        <translation>视图名称：</translation>
    </message>
    <message>
        <source>%1 (today)</source>
        <translation>%1（今日）</translation>
    </message>
    <message>
        <source>Hold…</source>
        <translation>挂起…</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>解除挂起</translation>
    </message>
    <message>
        <source>Cancel…</source>
        <translation>取消…</translation>
    </message>
    <message>
        <source>Reassign to…</source>
        <translation>改派给…</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>All depots</source>
        <translation>全部站点</translation>
    </message>
    <message>
        <source>Saved views</source>
        <translation>已存视图</translation>
    </message>
    <message>
        <source>reason %1</source>
        <translation>原因 %1</translation>
    </message>
    <message>
        <source>since %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>before %1</source>
        <translation>%1 之前</translation>
    </message>
    <message>
        <source>Showing the orders behind a KPI figure (%1); change any filter to see all.</source>
        <translation>正在显示某项指标对应的订单（%1）；修改任一筛选条件即可查看全部。</translation>
    </message>
    <message numerus="yes">
        <source>%n update(s)</source>
        <translation>
            <numerusform>%n 项更新</numerusform>
        </translation>
    </message>
    <message>
        <source>This board is read-only: it offers no actions on orders.</source>
        <translation>此看板为只读：不提供订单操作。</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) confirmed by the feed.</source>
        <translation>
            <numerusform>数据流已确认 %n 个订单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) match the search</source>
        <translation>
            <numerusform>%n 个订单符合搜索</numerusform>
        </translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message numerus="yes">
        <source>%1; %n shown on the board (the filters or the done-today columns hide the others).</source>
        <translation>
            <numerusform>%1；看板上显示 %n 个（其余被筛选条件或“今日完成”列隐藏）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Retired by gateway (no longer on the board): %1.</source>
        <translation>已由网关注销（不再显示在看板上）：%1。</translation>
    </message>
    <message>
        <source>Order %1 is on the board but hidden by its filters; clear them to see its card.</source>
        <translation>订单 %1 在看板上，但被筛选条件隐藏；清除筛选即可看到其卡片。</translation>
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
<context>
    <name>opsdeck::widgets::RiderDropModel</name>
    <message>
        <source>Drop orders here to reassign them to %1</source>
        <translation>将订单拖放到此处以改派给 %1</translation>
    </message>
    <message>
        <source>%1 m</source>
        <translation>%1 米</translation>
    </message>
    <message>
        <source>%1 km</source>
        <translation>%1 公里</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Rider</source>
        <translation>骑手</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>在途单量</translation>
    </message>
    <message>
        <source>By road</source>
        <translation>道路距离</translation>
    </message>
    <message>
        <source>Drop orders here to reassign them to %1 (%2 along the roads to %3's pickup)</source>
        <translation>将订单拖放到此处即改派给 %1（沿道路距 %3 的取货点 %2）</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::RiderPickerDialog</name>
    <message>
        <source> (depot %1)</source>
        <translation>（站点 %1）</translation>
    </message>
    <message numerus="yes">
        <source>Reassign %1 and %n more order(s)%2 to:</source>
        <translation>
            <numerusform>将 %1 及另外 %n 单%2 改派给：</numerusform>
        </translation>
    </message>
    <message>
        <source>Reassign %1%2 to:</source>
        <translation>将 %1%2 改派给：</translation>
    </message>
    <message>
        <source>Reassign %1</source>
        <translation>改派 %1</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::RiderRowDelegate</name>
    <message numerus="yes">
        <source>%1 · %n order(s)</source>
        <translation>
            <numerusform>%1 · %n 单</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::StockModel</name>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>偏低</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>正常</translation>
    </message>
    <message>
        <source>no recent use</source>
        <translation>近期无消耗</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1 / h</source>
        <translation>%1 / 小时</translation>
    </message>
    <message>
        <source>Order %1 for the delivery at %2 to hold the target cover after it arrives</source>
        <translation>为 %2 的到货订购 %1，到货后可维持目标可用时长</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Depot</source>
        <translation>站点</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>库存</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>可用时长</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Restock</source>
        <translation>补货</translation>
    </message>
</context>
<context>
    <name>opsdeck::widgets::StockSettingsDialog</name>
    <message>
        <source>This console keeps no stock settings.</source>
        <translation>此控制台不保存库存设置。</translation>
    </message>
</context>
</TS>
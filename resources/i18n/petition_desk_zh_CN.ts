<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ActionDialog</name>
    <message>
        <source>%1 — case %2</source>
        <translation>%1 — 案件 %2</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Follow-up visit proposed for %1 (listed on the workbench that day).</source>
        <translation>建议回访日期：%1（届时列入工作台）。</translation>
    </message>
    <message>
        <source>Add a common citation…</source>
        <translation>添加常用依据…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong. Nothing you typed has been discarded; please save your work. Details were written to %1</source>
        <translation>程序出现意外错误。已填写的内容没有丢失，请先保存。详细信息已写入 %1</translation>
    </message>
    <message>
        <source>Backup on exit</source>
        <translation>退出时备份</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Empty database file</source>
        <translation>空的数据库文件</translation>
    </message>
    <message>
        <source>Create a new, empty database in %1?</source>
        <translation>要在 %1 中新建一个空数据库吗？</translation>
    </message>
    <message>
        <source>The registration typed before the desk was last stopped is back in the form.</source>
        <translation>上次信访接待台被关闭前未保存的登记内容已回到登记表。</translation>
    </message>
    <message>
        <source>%1 older kept form(s) come back at the next start.</source>
        <translation>另有 %1 份更早保留的登记内容，将在下次启动时恢复。</translation>
    </message>
</context>
<context>
    <name>ArchiveDialog</name>
    <message>
        <source>Archive case %1</source>
        <translation>归档：案件 %1</translation>
    </message>
    <message>
        <source>A new volume (%1)</source>
        <translation>新立一卷（保管期限 %1）</translation>
    </message>
    <message numerus="yes">
        <source>Volume %1 of the same petitioner (%n case(s))</source>
        <translation>
            <numerusform>并入同一信访人的案卷 %1（已有 %n 件）</numerusform>
        </translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Why no written notice was issued</source>
        <translation>未出具书面告知的原因</translation>
    </message>
    <message>
        <source>Why there was no follow-up visit</source>
        <translation>未回访的原因</translation>
    </message>
    <message>
        <source>Retention period: %1.</source>
        <translation>保管期限：%1。</translation>
    </message>
    <message>
        <source>The file is complete.</source>
        <translation>案卷材料齐全。</translation>
    </message>
    <message>
        <source>The file lacks: %1.</source>
        <translation>案卷缺少：%1。</translation>
    </message>
    <message>
        <source>A missing notice or follow-up visit can be archived with the reason; anything else must be added to the file first.</source>
        <translation>缺少告知书或回访记录的，可填写原因后归档；其他材料须先补齐。</translation>
    </message>
</context>
<context>
    <name>ArchivesDialog</name>
    <message>
        <source>Archives</source>
        <translation>档案管理</translation>
    </message>
    <message>
        <source>Filed letters</source>
        <translation>存信打包</translation>
    </message>
    <message>
        <source>Volume list</source>
        <translation>案卷目录</translation>
    </message>
    <message>
        <source>Retention and destruction</source>
        <translation>保管期满与销毁</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>存信 letters are packed by village and year; each bundle gets its list.</source>
        <translation>存信按村（社区）和年度打包，每包附一份清单。</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>Letters</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Save the packing list…</source>
        <translation>保存存信清单…</translation>
    </message>
    <message>
        <source>Choose a bundle first.</source>
        <translation>请先选择一包存信。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Export the volume list…</source>
        <translation>导出案卷目录…</translation>
    </message>
    <message>
        <source>Past their retention as of</source>
        <translation>保管期满的截止日期</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>案件编号</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>保管期限</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>保管至</translation>
    </message>
    <message>
        <source>Destroying erases the petitioners&apos; details and the content of these files (a minimal record of each stays). Backups made before keep them until they rotate out.</source>
        <translation>销毁将清除这些案卷中信访人的个人信息和内容（每件保留一条最简记录）。此前制作的备份仍含这些内容，直至按轮换规则删除。</translation>
    </message>
    <message>
        <source>Reason and basis of the destruction</source>
        <translation>销毁的理由和依据</translation>
    </message>
    <message>
        <source>Approve the destruction…</source>
        <translation>批准销毁…</translation>
    </message>
    <message>
        <source>Enter the reason and basis of the destruction.</source>
        <translation>请填写销毁的理由和依据。</translation>
    </message>
    <message>
        <source>Approve the destruction</source>
        <translation>批准销毁</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) will be erased for good. This cannot be undone. Approve?</source>
        <translation>
            <numerusform>将永久清除 %n 件案卷，无法恢复。确定批准吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 file(s) destroyed. The destruction list was saved to %2.</source>
        <translation>已销毁 %1 件。销毁清册已保存到 %2。</translation>
    </message>
    <message>
        <source>Destroying…</source>
        <translation>正在销毁…</translation>
    </message>
</context>
<context>
    <name>AuditLogTab</name>
    <message>
        <source>Who exported, printed and viewed what (newest first). The log cannot be changed.</source>
        <translation>谁在何时导出、打印、查看了什么（最新的在前）。日志不能修改。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Clerk</source>
        <translation>经办人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>BackupTab</name>
    <message>
        <source>A copy is made every day in the backups folder beside the database. Copies are encrypted like the database and come with their key file.</source>
        <translation>每天自动在数据库旁的 backups 文件夹中备份一份。备份与数据库一样加密，并附带密钥文件。</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>备份时间</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>核对</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>恢复…</translation>
    </message>
    <message>
        <source>Back up to a folder now…</source>
        <translation>立即备份到文件夹…</translation>
    </message>
    <message>
        <source>When the desk closes, also back up to:</source>
        <translation>关闭信访接待台时，另备份到：</translation>
    </message>
    <message>
        <source>(no copy on exit)</source>
        <translation>（退出时不备份）</translation>
    </message>
    <message>
        <source>Choose folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <source>No copy on exit</source>
        <translation>退出时不备份</translation>
    </message>
    <message>
        <source>Back up on exit to</source>
        <translation>退出时备份到</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>未检查</translation>
    </message>
    <message>
        <source>verified</source>
        <translation>已核对无误</translation>
    </message>
    <message>
        <source>damaged: %1</source>
        <translation>已损坏：%1</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Replace the database with the copy of %1? The current file is kept aside. The program closes afterwards; start it again.</source>
        <translation>用 %1 的备份替换数据库吗？当前文件会另存。恢复后程序将关闭，请重新启动。</translation>
    </message>
    <message>
        <source>Restored. The previous file was kept as %1.</source>
        <translation>已恢复。原文件另存为 %1。</translation>
    </message>
    <message>
        <source>Back up to</source>
        <translation>备份到</translation>
    </message>
    <message>
        <source>Back up</source>
        <translation>备份</translation>
    </message>
    <message>
        <source>Copied to %1</source>
        <translation>已备份到 %1</translation>
    </message>
</context>
<context>
    <name>BackupWatch</name>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
</context>
<context>
    <name>BatchPrintDialog</name>
    <message>
        <source>Notices waiting to be issued</source>
        <translation>待出具文书</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Step taken at</source>
        <translation>办理时间</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>全选</translation>
    </message>
    <message>
        <source>Issue and print the selected…</source>
        <translation>出具并打印所选…</translation>
    </message>
    <message>
        <source>Issue the selected without printing</source>
        <translation>只出具所选，不打印</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Looking for notices to issue…</source>
        <translation>正在查找待出具的文书…</translation>
    </message>
    <message>
        <source>Could not look for notices: %1</source>
        <translation>无法查找待出具的文书：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n notice(s) to issue.</source>
        <translation>
            <numerusform>有 %n 份文书待出具。</numerusform>
        </translation>
    </message>
    <message>
        <source>Tick the notices to issue first.</source>
        <translation>请先勾选要出具的文书。</translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) issued and printed.</source>
        <translation>
            <numerusform>已出具并打印 %n 份文书。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n document(s) issued (not printed).</source>
        <translation>
            <numerusform>已出具 %n 份（未打印）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Not issued:</source>
        <translation>未能出具：</translation>
    </message>
    <message>
        <source>Issuing notices…</source>
        <translation>正在出具文书…</translation>
    </message>
    <message>
        <source>Stopped; the notices issued so far are kept.</source>
        <translation>已停止；已出具的文书均已存档。</translation>
    </message>
</context>
<context>
    <name>CaseDialog</name>
    <message>
        <source>Details</source>
        <extracomment>Recorded for the machine (ids, hashes), not worth a clerk&apos;s attention in the list. Buttons in the order a case usually moves. the drop handler that adds dropped files as attachments (installed by the window)</extracomment>
        <translation>详情</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>People</source>
        <translation>信访人</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起算日</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Time limits</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Leaders</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>History</source>
        <translation>办理记录</translation>
    </message>
    <message>
        <source>Restricted case</source>
        <translation>保密案件</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Case %1</source>
        <translation>案件 %1</translation>
    </message>
    <message>
        <source>repeat</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>collective</source>
        <translation>集体访</translation>
    </message>
    <message>
        <source>anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>restricted</source>
        <translation>保密</translation>
    </message>
    <message>
        <source>Your role may not handle cases</source>
        <translation>您的角色不能办理案件</translation>
    </message>
    <message>
        <source>Case no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>信访形式</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>信访目的</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Head count</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>问题发生地</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Facts and reasons</source>
        <translation>事实和理由</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Department deadline</source>
        <translation>承办单位办结期限</translation>
    </message>
    <message>
        <source>Forwarded to</source>
        <translation>转送机关</translation>
    </message>
    <message>
        <source>Reply result</source>
        <translation>答复结果</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Volume number</source>
        <translation>卷号</translation>
    </message>
    <message>
        <source>Correct this person&apos;s details…</source>
        <translation>更正信访人信息…</translation>
    </message>
    <message>
        <source>Correct a person&apos;s details</source>
        <translation>更正信访人信息</translation>
    </message>
    <message>
        <source>Reason for the correction</source>
        <translation>更正原因</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) left</source>
        <translation>
            <numerusform>剩余 %n 天</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) overdue</source>
        <translation>
            <numerusform>超期 %n 天</numerusform>
        </translation>
    </message>
    <message>
        <source>petitioner&apos;s window: %1</source>
        <translation>信访人申请期：%1</translation>
    </message>
    <message>
        <source>(holidays of that year not entered: unconfirmed)</source>
        <translation>（该年节假日尚未录入，日期未确认）</translation>
    </message>
    <message>
        <source>working days</source>
        <translation>工作日</translation>
    </message>
    <message>
        <source>calendar days</source>
        <translation>自然日</translation>
    </message>
    <message>
        <source>SHA-256 checksum: %1
Stored as: %2</source>
        <translation>SHA-256 校验值：%1
存放位置：%2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>To issue now:</source>
        <translation>本步骤需出具：</translation>
    </message>
    <message>
        <source>%1 (for %2)…</source>
        <translation>%1（%2）…</translation>
    </message>
    <message>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Attachment not saved</source>
        <translation>附件未保存</translation>
    </message>
</context>
<context>
    <name>ChartWidget</name>
    <message>
        <source>No data for this period</source>
        <translation>本期无数据</translation>
    </message>
</context>
<context>
    <name>ConvertDialog</name>
    <message>
        <source>Encrypt the database of an earlier version</source>
        <translation>加密旧版本的数据库</translation>
    </message>
    <message>
        <source>This database was made by an earlier version and is not encrypted. Name the administrator and choose a password: the database is then encrypted and checked table by table. The unencrypted original is kept until you agree to delete it.</source>
        <translation>这个数据库由旧版本建立，尚未加密。请指定管理员并设置密码：随后数据库将被加密，并逐表核对。未加密的原文件会保留，经您同意后才删除。</translation>
    </message>
    <message>
        <source>(kept from the database)</source>
        <translation>（沿用数据库中的设置）</translation>
    </message>
    <message>
        <source>Unencrypted copies</source>
        <translation>未加密的副本</translation>
    </message>
    <message>
        <source>The database was encrypted and checked. These unencrypted copies (the original and old backups) are still on the disk and can be read by anyone who copies them:

%1

Delete them now?</source>
        <translation>数据库已加密并核对无误。以下未加密的副本（原文件和旧备份）仍在磁盘上，任何人复制后都能读取：

%1

现在删除它们吗？</translation>
    </message>
    <message>
        <source>Passwords of the other users</source>
        <translation>其他用户的密码</translation>
    </message>
    <message>
        <source>The other users of this database (%1) have no password yet. Set one for each in Settings → Users → Reset password.</source>
        <translation>本数据库的其他用户（%1）还没有密码。请在“设置 → 用户 → 重设密码”中逐一设置。</translation>
    </message>
</context>
<context>
    <name>DepartmentsPage</name>
    <message>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>The offices cases are assigned to, one per line.</source>
        <translation>交办案件的承办单位，每行一个。</translation>
    </message>
    <message>
        <source>Already entered: %1</source>
        <translation>已有：%1</translation>
    </message>
    <message>
        <source>e.g.
农业农村办
自然资源所
派出所</source>
        <translation>例如：
农业农村办
自然资源所
派出所</translation>
    </message>
</context>
<context>
    <name>DepartmentsTab</name>
    <message>
        <source>New department</source>
        <translation>新承办单位</translation>
    </message>
    <message>
        <source>Correct the department&apos;s name</source>
        <translation>更正承办单位名称</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <source>ID and phone in full</source>
        <translation>身份证号和电话不打码</translation>
    </message>
    <message>
        <source>Only the 来访登记表 shows them; masked unless ticked.</source>
        <translation>只有来访登记表显示这些信息；不勾选则打码。</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>出具…</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save a copy…</source>
        <translation>另存副本…</translation>
    </message>
    <message>
        <source>%1 (called for by %2)</source>
        <translation>%1（“%2”后应出具）</translation>
    </message>
    <message>
        <source>No step of this case calls for a document yet.</source>
        <translation>本案尚无需要出具文书的办理步骤。</translation>
    </message>
    <message>
        <source>To issue: %1</source>
        <translation>待出具：%1</translation>
    </message>
    <message>
        <source>Every document the case calls for has been issued.</source>
        <translation>本案应出具的文书均已出具。</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>（无编号）</translation>
    </message>
    <message>
        <source>Cannot issue</source>
        <translation>不能出具</translation>
    </message>
    <message>
        <source>Issue again</source>
        <translation>重新出具</translation>
    </message>
    <message>
        <source>The %1 for this step was issued already (%2). To print it again use Print: the number stays. Why issue a new one?</source>
        <translation>本步骤的%1已出具（%2）。只需再打印一份请用“打印”，编号不变。为什么要重新出具？</translation>
    </message>
    <message>
        <source>Printing failed</source>
        <translation>打印失败</translation>
    </message>
    <message>
        <source>Save a copy</source>
        <translation>另存副本</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Reception day details</source>
        <translation>接待日详情</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>问题发生地</translation>
    </message>
    <message>
        <source>Accompanying department</source>
        <translation>陪访单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the ledger to Excel</source>
        <translation>导出信访台账</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>Date range</source>
        <translation>日期范围</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Following the ledger&apos;s current filters (%1): only the cases the ledger shows go to the 台账 sheet; the 统计 and 超期 sheets cover every case.</source>
        <translation>按台账当前筛选条件导出（%1）：台账表只含台账中显示的事项；统计表和超期表包括全部事项。</translation>
    </message>
    <message>
        <source>Filters</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <source>Write ID numbers and phones in full (not masked)</source>
        <translation>身份证号和电话完整显示（不打码）</translation>
    </message>
    <message>
        <source>Only for a recipient entitled to see them; the export is recorded in the log.</source>
        <translation>仅限有权查看的接收方；本次导出将记入日志。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>保存为</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Save the ledger as</source>
        <translation>台账保存为</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Your role may not export the ledger; ask the administrator.</source>
        <translation>您的角色不能导出台账，请联系管理员。</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>截止日期早于起始日期。</translation>
    </message>
    <message>
        <source>Choose a folder that exists to save the file in.</source>
        <translation>请选择一个存在的文件夹来保存文件。</translation>
    </message>
    <message>
        <source>Exporting the ledger…</source>
        <translation>正在导出台账…</translation>
    </message>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>已取消导出，没有写入文件。</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>Set up the petition desk</source>
        <translation>初始设置</translation>
    </message>
    <message>
        <source>The database will be encrypted. Create the administrator account; there is no default password.</source>
        <translation>数据库将加密保存。请创建管理员账号（没有默认密码）。</translation>
    </message>
    <message>
        <source>Unit name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Administrator login</source>
        <translation>管理员登录名</translation>
    </message>
    <message>
        <source>Administrator name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Please enter the unit name.</source>
        <translation>请填写单位名称。</translation>
    </message>
    <message>
        <source>Please enter the administrator&apos;s login.</source>
        <translation>请填写管理员登录名。</translation>
    </message>
</context>
<context>
    <name>GeneralTab</name>
    <message>
        <source>One per line</source>
        <translation>每行一项</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Only the administrator changes settings.</source>
        <translation>只有管理员可以修改设置。</translation>
    </message>
    <message>
        <source>Change a legal time limit</source>
        <translation>修改法定期限</translation>
    </message>
    <message>
        <source>These legal time limits will change, and the due dates of open cases will be recomputed:
%1

Change them?</source>
        <translation>以下法定期限将被修改，未办结案件的期限将重新计算：
%1

确定修改吗？</translation>
    </message>
    <message>
        <source>Nothing changed.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Saving settings…</source>
        <translation>正在保存设置…</translation>
    </message>
    <message numerus="yes">
        <source>Saved: %n setting(s) changed.</source>
        <translation>
            <numerusform>已保存：修改了 %n 项设置。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>Guide</source>
        <translation>使用说明</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <source>Published holidays are known up to the year the holiday package covers. For later years, enter the State Council&apos;s schedule here (days off and make-up working days) and mark the year complete; until then due dates in that year are shown as unconfirmed.</source>
        <extracomment>the calendar changed: due dates moved</extracomment>
        <translation>程序内置的法定节假日只到其收录的年份。以后的年份请在此录入国务院公布的安排（放假日和调休上班日），并标记该年已录入完整；在此之前，该年的期限显示为“未确认”。</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休息日</translation>
    </message>
    <message>
        <source>Working day</source>
        <translation>上班日</translation>
    </message>
    <message>
        <source>e.g. Spring Festival</source>
        <translation>如：春节</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>删除所选</translation>
    </message>
    <message>
        <source>Mark year as complete</source>
        <translation>标记该年已录入完整</translation>
    </message>
    <message>
        <source>Import year from CSV…</source>
        <translation>从 CSV 导入该年…</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Entered years: %1</source>
        <translation>已录入年份：%1</translation>
    </message>
    <message>
        <source>Recomputing due dates…</source>
        <translation>正在重新计算期限…</translation>
    </message>
    <message>
        <source>entered by hand</source>
        <translation>手工录入</translation>
    </message>
    <message>
        <source>Import holidays</source>
        <translation>导入节假日</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) imported.</source>
        <translation>
            <numerusform>已导入 %n 天。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import an Excel ledger</source>
        <translation>导入 Excel 台账</translation>
    </message>
    <message>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Sheet (tick to import)</source>
        <translation>工作表（勾选导入）</translation>
    </message>
    <message>
        <source>Header row</source>
        <translation>表头行</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>读取</translation>
    </message>
    <message>
        <source>To import</source>
        <translation>可导入</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Check (nothing is written)</source>
        <translation>检查（不写入）</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the ledger</source>
        <translation>选择台账文件</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>In total: %1</source>
        <translation>合计：%1</translation>
    </message>
    <message>
        <source>Import %1 rows now? (%2) Rows with problems are left out and listed in a file beside the source.</source>
        <translation>现在导入 %1 行吗？（%2）有问题的行不导入，并列在原文件旁的新文件中。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Import cancelled; nothing was imported.</source>
        <translation>已取消导入，没有导入任何数据。</translation>
    </message>
    <message>
        <source>Rejected rows with reasons: %1</source>
        <translation>未导入的行及原因见：%1</translation>
    </message>
    <message>
        <source>Sheet %1 — columns: %2</source>
        <translation>工作表“%1”列对应：%2</translation>
    </message>
    <message>
        <source>Row %1 rejected: %2</source>
        <translation>第 %1 行未导入：%2</translation>
    </message>
    <message>
        <source>Row %1 note: %2</source>
        <translation>第 %1 行提示：%2</translation>
    </message>
    <message>
        <source>Row %1 skipped: %2</source>
        <translation>第 %1 行跳过：%2</translation>
    </message>
</context>
<context>
    <name>IntegrityCheck</name>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>The database file could not be read through; restore it from a backup.</source>
        <translation>数据库文件无法完整读取，请从备份恢复。</translation>
    </message>
</context>
<context>
    <name>IssueDialog</name>
    <message>
        <source>Draft — check before issuing</source>
        <translation>草稿 — 出具前请核对</translation>
    </message>
    <message>
        <source>Issue this %1 with the next number? It is kept exactly as issued.</source>
        <translation>以下一个文号出具此%1吗？出具后按原样存档，不能修改。</translation>
    </message>
    <message>
        <source>Issue and print…</source>
        <translation>出具并打印…</translation>
    </message>
    <message>
        <source>Issue</source>
        <translation>出具</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LeadersPage</name>
    <message>
        <source>Leaders</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>Who receives visitors and reads letters; tick the principal leader.</source>
        <translation>接访、阅批来信的领导；请勾选主要领导。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Principal leader</source>
        <translation>主要领导</translation>
    </message>
</context>
<context>
    <name>LeadersTab</name>
    <message>
        <source>Leader</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>Passed on</source>
        <translation>呈阅日期</translation>
    </message>
    <message>
        <source>Annotated on</source>
        <translation>批示日期</translation>
    </message>
    <message>
        <source>Instruction</source>
        <translation>批示</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Pass to a leader for annotation…</source>
        <translation>呈领导阅批…</translation>
    </message>
    <message>
        <source>Record the instruction…</source>
        <translation>登记批示…</translation>
    </message>
    <message>
        <source>Leader takes charge (包案)…</source>
        <translation>领导包案…</translation>
    </message>
    <message>
        <source>First responsible leader (首问): %1 (%2)</source>
        <translation>首问责任人：%1（%2）</translation>
    </message>
    <message>
        <source>In the charge of %1 until %2</source>
        <translation>%1 包案，期限 %2</translation>
    </message>
    <message>
        <source>No leader is attached to this case.</source>
        <translation>本案尚无首问责任人或包案领导。</translation>
    </message>
    <message>
        <source>Pass for annotation</source>
        <translation>呈领导阅批</translation>
    </message>
    <message>
        <source>Leader&apos;s instruction</source>
        <translation>登记领导批示</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>阅批记录</translation>
    </message>
    <message>
        <source>Leader takes charge</source>
        <translation>领导包案</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Leaders</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>Add the leaders under Settings first.</source>
        <translation>请先在“设置”中添加领导。</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Principal leader</source>
        <translation>主要领导</translation>
    </message>
    <message>
        <source>Rotation</source>
        <translation>轮值顺序</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>在用</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <source>Retire / bring back</source>
        <translation>停用 / 恢复</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Correct a leader&apos;s details</source>
        <translation>更正领导信息</translation>
    </message>
</context>
<context>
    <name>LedgerModel</name>
    <message>
        <source>Case no.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>信访形式</translation>
    </message>
    <message>
        <source>Petitioners</source>
        <translation>信访人</translation>
    </message>
    <message>
        <source>People</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>下一期限</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source> (unconfirmed)</source>
        <translation>（未确认）</translation>
    </message>
    <message>
        <source>[repeat]</source>
        <translation>［重复］</translation>
    </message>
    <message>
        <source>The holiday schedule of this year is not entered yet; the date counts Monday to Friday only.</source>
        <translation>该年节假日安排尚未录入，此日期仅按周一至周五计算。</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>Query failed: %1</source>
        <extracomment>The order columns are shown in: what a clerk reads first on the left.</extracomment>
        <translation>查询失败：%1</translation>
    </message>
    <message>
        <source>Search names, ID, phone, case no., content; pinyin initials work (zjg)</source>
        <translation>搜索姓名、身份证号、电话、编号、内容；可用拼音首字母（如 zjg）</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>收到日期从</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>未办结案件</translation>
    </message>
    <message>
        <source>Any time limit</source>
        <translation>全部期限</translation>
    </message>
    <message>
        <source>Repeat only</source>
        <translation>仅重复信访</translation>
    </message>
    <message>
        <source>Collective only</source>
        <translation>仅集体访</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>All channels</source>
        <translation>全部形式</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>All villages</source>
        <translation>全部村（社区）</translation>
    </message>
    <message>
        <source>All departments</source>
        <translation>全部承办单位</translation>
    </message>
    <message>
        <source>All leaders</source>
        <translation>全部领导</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message numerus="yes">
        <source>%n matching case(s)</source>
        <translation>
            <numerusform>共 %n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>About %n matching case(s), counting…</source>
        <translation>
            <numerusform>约 %n 件，正在精确计数…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListTab</name>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Correct the name…</source>
        <translation>更正名称…</translation>
    </message>
    <message>
        <source>Retire / bring back</source>
        <translation>停用 / 恢复</translation>
    </message>
    <message>
        <source>(retired)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Petition Desk</source>
        <translation>信访接待台</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Forgot password…</source>
        <translation>忘记密码…</translation>
    </message>
    <message>
        <source>The password was set. Log in with the new password.</source>
        <translation>密码已重设，请用新密码登录。</translation>
    </message>
    <message>
        <source>Please enter your login name.</source>
        <translation>请输入登录名。</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>正在登录……</translation>
    </message>
    <message>
        <source>The desk could not be opened (%1). Check the file with petition-desk check, or restore a backup.</source>
        <translation>未能打开数据库（%1）。请用 petition-desk check 检查该文件，或从备份恢复。</translation>
    </message>
</context>
<context>
    <name>LongTask</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Petition Desk — %1</source>
        <translation>信访接待台 — %1</translation>
    </message>
    <message>
        <source>Welcome. Please enter your unit&apos;s name in Settings: it is printed on every notice and ledger.</source>
        <translation>欢迎使用。请先在“设置”中填写单位名称，它会印在每份告知书和台账上。</translation>
    </message>
    <message>
        <source>Setup wizard…</source>
        <translation>设置向导…</translation>
    </message>
    <message>
        <source>Open settings</source>
        <translation>打开设置</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation>工作台</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>登记</translation>
    </message>
    <message>
        <source>Ledger</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Reception days</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Registered %1</source>
        <translation>已登记 %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Export ledger to Excel…</source>
        <translation>导出台账到 Excel…</translation>
    </message>
    <message>
        <source>Import an Excel ledger…</source>
        <translation>导入 Excel 台账…</translation>
    </message>
    <message>
        <source>Notices waiting to be issued…</source>
        <translation>待出具文书…</translation>
    </message>
    <message>
        <source>Archives…</source>
        <translation>档案管理…</translation>
    </message>
    <message>
        <source>Lock the desk</source>
        <translation>锁定接待台</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Find a case</source>
        <translation>查找案件</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
    </message>
    <message>
        <source>Exported %1 cases to %2</source>
        <translation>已导出 %1 件到 %2</translation>
    </message>
    <message>
        <source>%1 cell(s) held characters Excel cannot store; they were removed.</source>
        <translation>有 %1 个单元格含有 Excel 无法保存的字符，已去除。</translation>
    </message>
    <message>
        <source>Due dates could not be counted: %1</source>
        <translation>无法统计期限：%1</translation>
    </message>
    <message>
        <source>Due soon: %1 · Overdue: %2</source>
        <translation>临期 %1 件 · 超期 %2 件</translation>
    </message>
    <message>
        <source>Unsaved registration</source>
        <translation>登记未保存</translation>
    </message>
    <message>
        <source>The registration form has unsaved text. Quit and lose it?</source>
        <translation>登记表中有未保存的内容。确定退出并放弃吗？</translation>
    </message>
</context>
<context>
    <name>MatchPanel</name>
    <message>
        <source>People on file</source>
        <translation>已登记人员</translation>
    </message>
    <message>
        <source>Type a name, ID number or phone to see earlier cases.</source>
        <translation>输入姓名、身份证号或电话，即可看到此前的信访件。</translation>
    </message>
    <message>
        <source>Person / case</source>
        <translation>人员 / 案件</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Link this person</source>
        <translation>关联此人</translation>
    </message>
    <message>
        <source>matched by %1</source>
        <translation>按%1相符</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) on file match. Double-click to link.</source>
        <translation>
            <numerusform>有 %n 人与输入相符，双击可关联。</numerusform>
        </translation>
    </message>
    <message>
        <source>No one on file matches.</source>
        <translation>没有相符的已登记人员。</translation>
    </message>
</context>
<context>
    <name>NowDateTimeEdit</name>
    <message>
        <source>now</source>
        <translation>现在</translation>
    </message>
</context>
<context>
    <name>OcrDialog</name>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Date of the letter</source>
        <translation>来信日期</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Facts and reasons</source>
        <translation>事实和理由</translation>
    </message>
    <message>
        <source>Accept (Ctrl+%1)</source>
        <translation>接受（Ctrl+%1）</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>check it: %1</source>
        <translation>请核对：%1</translation>
    </message>
    <message>
        <source>sure: %1</source>
        <translation>把握：%1</translation>
    </message>
    <message>
        <source>Scan or import a letter</source>
        <translation>扫描/导入来信</translation>
    </message>
    <message>
        <source>Add images or PDF…</source>
        <translation>添加图片或 PDF…</translation>
    </message>
    <message>
        <source>Or drop the files here. Pages are read in the order shown.</source>
        <translation>也可把文件拖到这里。按所示顺序逐页识别。</translation>
    </message>
    <message>
        <source>Stop reading</source>
        <translation>停止识别</translation>
    </message>
    <message>
        <source>Marked characters were read with little confidence: compare with the page.</source>
        <translation>标出的字识别把握不大，请对照原件核对。</translation>
    </message>
    <message>
        <source>Proposed fields (nothing is filled until you accept it)</source>
        <translation>建议填写（逐项接受后才会填入）</translation>
    </message>
    <message>
        <source>Propose again from the edited text (Ctrl+R)</source>
        <translation>按修改后的文字重新提取（Ctrl+R）</translation>
    </message>
    <message>
        <source>Use accepted fields and keep the pages</source>
        <translation>填入已接受的字段并保存页面</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose scanned pages</source>
        <translation>选择扫描页</translation>
    </message>
    <message>
        <source>Images and PDF (%1)</source>
        <translation>图片和 PDF（%1）</translation>
    </message>
    <message>
        <source>Preparing the pages…</source>
        <translation>正在准备页面…</translation>
    </message>
    <message>
        <source>Stopping after this page…</source>
        <translation>本页识别完后停止…</translation>
    </message>
    <message>
        <source>Not read yet</source>
        <translation>尚未识别</translation>
    </message>
    <message>
        <source>Page %1</source>
        <translation>第%1页</translation>
    </message>
    <message>
        <source>%v of %m pages</source>
        <translation>%v / %m 页</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在识别 %1…</translation>
    </message>
    <message>
        <source>Stopped: %1 of %2 pages read.</source>
        <translation>已停止：共 %2 页，识别了 %1 页。</translation>
    </message>
    <message>
        <source>%1 of %2 pages read.</source>
        <translation>共 %2 页，已识别 %1 页。</translation>
    </message>
    <message>
        <source>Could not read: %1</source>
        <translation>无法识别：%1</translation>
    </message>
    <message>
        <source>Recognised text</source>
        <translation>来信识别文字</translation>
    </message>
    <message>
        <source>Reading letters needs the OCR part: %1</source>
        <translation>识别来信需要安装文字识别组件：%1</translation>
    </message>
    <message>
        <source>Scan or import a letter…</source>
        <translation>扫描/导入来信…</translation>
    </message>
</context>
<context>
    <name>PersonEditor</name>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>住址</translation>
    </message>
    <message>
        <source>Workplace</source>
        <translation>工作单位</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>身份</translation>
    </message>
    <message numerus="yes">
        <source>Linked to a person on file (%n earlier case(s))</source>
        <translation>
            <numerusform>已关联已登记人员（此前 %n 件）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>ReceptionPage</name>
    <message>
        <source>Generate this month&apos;s roster</source>
        <translation>生成本月排班</translation>
    </message>
    <message>
        <source>Swap…</source>
        <translation>调换…</translation>
    </message>
    <message>
        <source>Place / accompanying…</source>
        <translation>地点 / 陪访…</translation>
    </message>
    <message>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <source>Export PDF notice…</source>
        <translation>导出公示 PDF…</translation>
    </message>
    <message>
        <source>Print notice…</source>
        <translation>打印公示…</translation>
    </message>
    <message>
        <source>Rules…</source>
        <translation>规则…</translation>
    </message>
    <message>
        <source>Coming days</source>
        <translation>近期接待日</translation>
    </message>
    <message>
        <source>Leader / case</source>
        <translation>领导 / 案件</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Next due</source>
        <translation>下一期限</translation>
    </message>
    <message>
        <source>Owner deadline</source>
        <translation>包案期限</translation>
    </message>
    <message>
        <source>Leaders&apos; cases</source>
        <translation>领导包案</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>呈阅件数</translation>
    </message>
    <message>
        <source>Annotated</source>
        <translation>已批示</translation>
    </message>
    <message>
        <source>Rate / target</source>
        <translation>阅批率 / 目标</translation>
    </message>
    <message>
        <source>Annotation rate</source>
        <translation>阅批率</translation>
    </message>
    <message>
        <source>%1-%2</source>
        <translation>%1年%2月</translation>
    </message>
    <message>
        <source>Reception days: %1</source>
        <translation>接待日：%1</translation>
    </message>
    <message>
        <source>no rule yet</source>
        <translation>尚未设置规则</translation>
    </message>
    <message>
        <source>The holidays of %1 are not entered yet: only weekends are skipped. Enter them under Settings → Holidays.</source>
        <translation>%1年节假日安排尚未录入，目前只排除了周末。请在“设置 → 节假日”中录入。</translation>
    </message>
    <message>
        <source>No roster for this month yet.</source>
        <translation>本月还没有排班。</translation>
    </message>
    <message>
        <source>Changed by hand; kept when the month is generated again.</source>
        <translation>已手工调整；重新生成本月排班时保留。</translation>
    </message>
    <message numerus="yes">
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <source> (principal)</source>
        <translation>（主要领导）</translation>
    </message>
    <message>
        <source>Roster</source>
        <translation>排班</translation>
    </message>
    <message>
        <source>Export the roster</source>
        <translation>导出接待日安排</translation>
    </message>
</context>
<context>
    <name>ReceptionRulePage</name>
    <message>
        <source>Reception days</source>
        <translation>接待日</translation>
    </message>
    <message>
        <source>On which days leaders receive visitors (more rules: Reception days page).</source>
        <translation>领导在哪些日子接待群众来访（更多规则见“接待日”页）。</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>暂不设置</translation>
    </message>
    <message>
        <source>Every week on a weekday</source>
        <translation>每周固定星期</translation>
    </message>
    <message>
        <source>Lunar days ending in 3, 6, 9 (逢三、六、九)</source>
        <translation>农历逢三、六、九</translation>
    </message>
    <message>
        <source>A fixed date each month</source>
        <translation>每月固定日期</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Day of month</source>
        <translation>每月几日</translation>
    </message>
    <message>
        <source>Half day</source>
        <translation>时段</translation>
    </message>
</context>
<context>
    <name>ReceptionRulesDialog</name>
    <message>
        <source>Reception-day rules</source>
        <translation>接待日规则</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
</context>
<context>
    <name>RecoverDialog</name>
    <message>
        <source>Forgot password</source>
        <translation>忘记密码</translation>
    </message>
    <message>
        <source>A clerk who forgot the password asks the administrator to reset it (Settings → Users). An administrator enters the recovery key kept in the office safe and chooses a new password.</source>
        <translation>信访员忘记密码，请管理员在“设置 → 用户”中重设。管理员忘记密码，请输入保存在保险柜中的恢复密钥，并设置新密码。</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Administrator login</source>
        <translation>管理员登录名</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>新密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>恢复密钥</translation>
    </message>
    <message>
        <source>Keep this recovery key in the office safe. It opens the database if every password is forgotten. It is shown only this once.</source>
        <translation>请把恢复密钥存放在办公室保险柜中。所有密码都忘记时，凭它打开数据库。它只显示这一次。</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save to a file…</source>
        <translation>保存到文件…</translation>
    </message>
    <message>
        <source>I have kept it</source>
        <translation>我已妥善保存</translation>
    </message>
    <message>
        <source>Petition Desk recovery key</source>
        <translation>信访接待台恢复密钥</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>保存恢复密钥</translation>
    </message>
</context>
<context>
    <name>RegistrationPage</name>
    <message>
        <source>Handle it now…</source>
        <translation>现在办理…</translation>
    </message>
    <message>
        <source>Reception</source>
        <translation>接待信息</translation>
    </message>
    <message>
        <source>Received at</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>信访形式</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>信访目的</translation>
    </message>
    <message>
        <source>Receiving leader</source>
        <translation>接访领导</translation>
    </message>
    <message>
        <source>Petitioners</source>
        <translation>信访人</translation>
    </message>
    <message>
        <source>Anonymous</source>
        <translation>匿名</translation>
    </message>
    <message>
        <source>Collective visit</source>
        <translation>集体访</translation>
    </message>
    <message>
        <source>Head count</source>
        <translation>人数</translation>
    </message>
    <message>
        <source>Add another person</source>
        <translation>再添加一人</translation>
    </message>
    <message>
        <source>The matter</source>
        <translation>反映事项</translation>
    </message>
    <message>
        <source>One line for the ledger</source>
        <translation>一句话摘要，用于台账</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>诉求</translation>
    </message>
    <message>
        <source>Facts and reasons</source>
        <translation>事实和理由</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>问题发生地</translation>
    </message>
    <message>
        <source>Skipped a level</source>
        <translation>越级</translation>
    </message>
    <message>
        <source>Law/litigation related</source>
        <translation>涉法涉诉</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>保密</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>紧急</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>保存（Ctrl+S）</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>Your role (%1) may not register petitions; ask a clerk.</source>
        <translation>您的角色（%1）不能登记信访事项，请由信访员登记。</translation>
    </message>
    <message>
        <source>%1 or more people: a collective visit. Enter its representatives (at most 5) as petitioners with the role 代表.</source>
        <translation>%1人及以上来访即为集体访。请把推选的代表（不超过5人）作为信访人登记，身份选“代表”。</translation>
    </message>
    <message>
        <source>(no leader)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Could not search people on file: %1</source>
        <translation>查找已登记人员失败：%1</translation>
    </message>
    <message>
        <source>Add attachments</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>Discard registration</source>
        <translation>放弃登记</translation>
    </message>
    <message>
        <source>Discard everything typed on this form?</source>
        <translation>放弃本表中已填写的全部内容吗？</translation>
    </message>
    <message>
        <source>Registered as %1.</source>
        <translation>已登记，编号 %1。</translation>
    </message>
    <message>
        <source>Attachments not saved: %1</source>
        <translation>以下附件未保存：%1</translation>
    </message>
    <message>
        <source>%1: on file “%2”, typed “%3”</source>
        <translation>%1：已登记为“%2”，本次填写为“%3”</translation>
    </message>
    <message>
        <source>ID number already on file</source>
        <translation>身份证号已登记</translation>
    </message>
    <message>
        <source>Person %1: this ID number is on file with other details.</source>
        <translation>第 %1 位信访人：该身份证号已登记，但登记的信息与本次填写的不同。</translation>
    </message>
    <message>
        <source>Use the details on file</source>
        <translation>使用已登记的信息</translation>
    </message>
    <message>
        <source>Record the typed details as a correction</source>
        <translation>按本次填写的信息更正登记</translation>
    </message>
    <message numerus="yes">
        <source>Not saved: %n problem(s) to correct.</source>
        <translation>
            <numerusform>未保存：有 %n 处需要更正。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Monthly analysis report</source>
        <translation>月度信访分析报告</translation>
    </message>
    <message>
        <source>Report for %1, figures as of %2.</source>
        <translation>%1 的分析报告，统计截至 %2。</translation>
    </message>
    <message>
        <source>Analysis and suggestions (printed as written; kept with the report):</source>
        <translation>分析和建议（按所写内容打印，并随报告存档）：</translation>
    </message>
    <message>
        <source>Already issued for this month:</source>
        <translation>本月已出具：</translation>
    </message>
    <message>
        <source>Issue and save PDF…</source>
        <translation>出具并保存 PDF…</translation>
    </message>
    <message>
        <source>Write the analysis and suggestions first.</source>
        <translation>请先填写分析和建议。</translation>
    </message>
    <message>
        <source>Save the report as</source>
        <translation>报告另存为</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Issuing the report…</source>
        <translation>正在出具分析报告…</translation>
    </message>
</context>
<context>
    <name>RuleDialog</name>
    <message>
        <source>Add a reception-day rule</source>
        <translation>添加接待日规则</translation>
    </message>
    <message>
        <source>Lunar days ending in 3, 6, 9 (逢三、六、九)</source>
        <translation>农历逢三、六、九</translation>
    </message>
    <message>
        <source>Every week on a weekday</source>
        <translation>每周固定星期</translation>
    </message>
    <message>
        <source>A fixed date each month</source>
        <translation>每月固定日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Weekday</source>
        <translation>星期</translation>
    </message>
    <message>
        <source>Day of month</source>
        <translation>每月几日</translation>
    </message>
    <message>
        <source>Half day</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>问题发生地</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Unit and time limits</source>
        <translation>单位与期限</translation>
    </message>
    <message>
        <source>Departments</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Leaders</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>Villages</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation>节假日</translation>
    </message>
    <message>
        <source>Document wording</source>
        <translation>文书模板</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>操作日志</translation>
    </message>
</context>
<context>
    <name>SetupPage</name>
    <message>
        <source>%1 Leave it blank to skip: Settings has it too.</source>
        <extracomment>Page ids, spaced so that pages can be inserted between them at merge time.</extracomment>
        <translation>%1不填即跳过，以后可在“设置”中填写。</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Setting up the petition desk</source>
        <translation>信访接待台设置向导</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>This guide</source>
        <extracomment>Every keyboard shortcut of the desk, as listed in Help → Keyboard shortcuts.</extracomment>
        <translation>打开使用说明</translation>
    </message>
    <message>
        <source>Go to a page (workbench … settings)</source>
        <translation>切换页面（工作台 … 设置）</translation>
    </message>
    <message>
        <source>Search the ledger, from any page</source>
        <translation>在任何页面按下即到台账查找</translation>
    </message>
    <message>
        <source>Save the registration</source>
        <translation>保存登记</translation>
    </message>
    <message>
        <source>Clear the registration form (asks first)</source>
        <translation>清空登记表（先询问）</translation>
    </message>
    <message>
        <source>Export the ledger to Excel</source>
        <translation>导出台账到 Excel</translation>
    </message>
    <message>
        <source>Workbench: jump to a list</source>
        <translation>工作台：跳到各清单</translation>
    </message>
    <message>
        <source>Workbench and ledger: open the selected case</source>
        <translation>工作台、台账：打开选中的案件</translation>
    </message>
    <message>
        <source>Next / previous field</source>
        <translation>下一栏 / 上一栏</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>快捷键一览</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>SingleInstance</name>
    <message>
        <source>Petition Desk is already open</source>
        <translation>信访接待台已经打开</translation>
    </message>
    <message>
        <source>The petition desk is already open on this database (%1). Only one window may work on a database at a time.</source>
        <translation>信访接待台已经打开了这个数据库（%1）。同一个数据库同时只能在一个窗口中使用。</translation>
    </message>
    <message>
        <source>Bring it forward</source>
        <translation>切换到已打开的窗口</translation>
    </message>
    <message>
        <source>The open window could not be reached. Look for it on the taskbar.</source>
        <translation>无法联系已打开的窗口，请在任务栏中找到它。</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>Rates count only what had happened by this day; overdue is as of this day.</source>
        <translation>各项比率只计算到该日为止已发生的情况；超期件数按该日计算。</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Analysis report…</source>
        <translation>分析报告…</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>统计日</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Figures</source>
        <translation>统计</translation>
    </message>
    <message>
        <source>%1 to %2, as of %3</source>
        <translation>%1 至 %2，截至 %3</translation>
    </message>
    <message>
        <source>By channel</source>
        <translation>按信访形式</translation>
    </message>
    <message>
        <source>By category</source>
        <translation>按问题类别</translation>
    </message>
    <message>
        <source>By disposition</source>
        <translation>按处理方式</translation>
    </message>
    <message>
        <source>By village</source>
        <translation>按村（社区）</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>领导</translation>
    </message>
    <message>
        <source>Annotation rate</source>
        <translation>阅批率</translation>
    </message>
    <message>
        <source>Leaders&apos; annotation</source>
        <translation>领导阅批</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
</context>
<context>
    <name>SwapDialog</name>
    <message>
        <source>Exchange: the original leader takes the other&apos;s next day</source>
        <translation>互换：原领导接替对方的下一个接待日</translation>
    </message>
    <message>
        <source>Swap even though the notice period is not met</source>
        <translation>不足提前告知期限，仍要调换</translation>
    </message>
    <message>
        <source>Swap reception day</source>
        <translation>调换接待日</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Leader taking over</source>
        <translation>接替的领导</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <source>Document</source>
        <translation>文书</translation>
    </message>
    <message>
        <source>Document title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Wording</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Placeholders: %1</source>
        <translation>可用占位符：%1</translation>
    </message>
    <message>
        <source>Save wording</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <source>Restore the default</source>
        <translation>恢复默认</translation>
    </message>
</context>
<context>
    <name>TextLimits</name>
    <message>
        <source>Too long: %1 characters, at most %2.</source>
        <translation>内容过长：现有 %1 字，最多 %2 字。</translation>
    </message>
</context>
<context>
    <name>UnitPage</name>
    <message>
        <source>Your unit</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>The unit&apos;s name is printed on every notice and ledger.</source>
        <translation>单位名称印在每份告知书和台账上。</translation>
    </message>
    <message>
        <source>e.g. 青石镇人民政府</source>
        <translation>例如：青石镇人民政府</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Desk locked</source>
        <translation>接待台已锁定</translation>
    </message>
    <message>
        <source>Locked. %1, enter your password to continue.</source>
        <translation>已锁定。%1，请输入密码继续。</translation>
    </message>
    <message>
        <source>Wrong password</source>
        <translation>密码错误</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <source>Logged in as %1 (%2)</source>
        <translation>当前登录：%1（%2）</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录名</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Leader</source>
        <translation>对应领导</translation>
    </message>
    <message>
        <source>Initial password</source>
        <translation>初始密码</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>新增用户</translation>
    </message>
    <message>
        <source>Reset password…</source>
        <translation>重设密码…</translation>
    </message>
    <message>
        <source>Change role…</source>
        <translation>更改角色…</translation>
    </message>
    <message>
        <source>Leader…</source>
        <translation>对应领导…</translation>
    </message>
    <message>
        <source>Which leader of Settings → Leaders this 领导 user is: they see the restricted cases that name that leader.</source>
        <translation>该领导用户对应“设置 → 领导”中的哪一位领导：其可查看以该领导为首问责任人、包案或阅批领导的保密案件。</translation>
    </message>
    <message>
        <source>Enable / disable</source>
        <translation>启用/停用</translation>
    </message>
    <message>
        <source>Change my password…</source>
        <translation>修改我的密码…</translation>
    </message>
    <message>
        <source>New recovery key…</source>
        <translation>更换恢复密钥…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Select a user in the table first.</source>
        <translation>请先在表中选中一位用户。</translation>
    </message>
    <message>
        <source>New password (at least 8 characters)</source>
        <translation>新密码（至少 8 位）</translation>
    </message>
    <message>
        <source>Reset password of %1</source>
        <translation>重设 %1 的密码</translation>
    </message>
    <message>
        <source>The password of %1 was reset. Tell them the new password in person.</source>
        <translation>已重设%1的密码。请当面告知新密码。</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（不对应）</translation>
    </message>
    <message>
        <source>Sees no restricted case of a leader until linked (Leader…).</source>
        <translation>未对应领导时，看不到领导名下的保密案件（用“对应领导…”设置）。</translation>
    </message>
    <message>
        <source> (retired)</source>
        <translation>（已停用）</translation>
    </message>
    <message>
        <source>Change my password</source>
        <translation>修改我的密码</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>原密码</translation>
    </message>
    <message>
        <source>The new password again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>您的密码已修改。</translation>
    </message>
    <message>
        <source>New recovery key</source>
        <translation>更换恢复密钥</translation>
    </message>
    <message>
        <source>A new recovery key replaces the one in the office safe, which stops working. Continue?</source>
        <translation>新的恢复密钥将取代保险柜中的旧恢复密钥，旧的随即失效。是否继续？</translation>
    </message>
</context>
<context>
    <name>VillagesPage</name>
    <message>
        <source>Villages and communities</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>One per line; offered when registering a petitioner.</source>
        <translation>每行一个；登记信访人时可选。</translation>
    </message>
    <message>
        <source>e.g.
东坑村
西岭村
镇区社区</source>
        <translation>例如：
东坑村
西岭村
镇区社区</translation>
    </message>
</context>
<context>
    <name>VillagesTab</name>
    <message>
        <source>New village or community</source>
        <translation>新增村（社区）</translation>
    </message>
    <message>
        <source>Village</source>
        <translation>村（社区）</translation>
    </message>
    <message>
        <source>Correct the village&apos;s name</source>
        <translation>更正村（社区）名称</translation>
    </message>
</context>
<context>
    <name>WorkbenchPage</name>
    <message>
        <source>All</source>
        <extracomment>Which periods each filter button shows.</extracomment>
        <translation>全部</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>超期</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>Within 7 days</source>
        <translation>七日内</translation>
    </message>
    <message>
        <source>Today at the desk</source>
        <translation>今日工作</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Petitioner</source>
        <translation>信访人</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>摘要</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>期限</translation>
    </message>
    <message>
        <source>Enter or double-click opens the case · Alt+1…7 jumps to a list · the buttons above filter by when things fall due</source>
        <translation>回车或双击打开案件 · Alt+1…7 跳到各清单 · 上方按钮按到期时间筛选</translation>
    </message>
    <message>
        <source>The workbench could not be loaded (%1). Try again from the Ledger page.</source>
        <translation>工作台未能载入（%1）。请在“台账”页查看案件。</translation>
    </message>
    <message>
        <source>%1-%2-%3</source>
        <translation>%1年%2月%3日</translation>
    </message>
    <message>
        <source>Cases: due soon %1 · overdue %2</source>
        <translation>案件：临期 %1 件 · 超期 %2 件</translation>
    </message>
    <message>
        <source>%1. The status bar shows the same figures.</source>
        <translation>%1。状态栏显示的是同一数字。</translation>
    </message>
    <message>
        <source>Since yesterday: nothing new has fallen due.</source>
        <translation>自昨日以来：没有新到期的事项。</translation>
    </message>
    <message>
        <source>due today: %1</source>
        <translation>今日到期：%1</translation>
    </message>
    <message>
        <source>overdue since today: %1</source>
        <translation>今日起超期：%1</translation>
    </message>
    <message>
        <source>Since yesterday — %1.</source>
        <translation>自昨日以来——%1。</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>Receiving visitors today: %1</source>
        <translation>今日接访：%1</translation>
    </message>
    <message>
        <source>No leader receives visitors today.</source>
        <translation>今日没有领导接访。</translation>
    </message>
    <message>
        <source>Next reception day: %1 %2</source>
        <translation>下一个接待日：%1 %2</translation>
    </message>
    <message>
        <source>No later reception day in the roster yet (see Reception days).</source>
        <translation>排班表中还没有以后的接待日（见“接待日”页）。</translation>
    </message>
    <message>
        <source>%1 %2 item(s)</source>
        <translation>%1 %2 项</translation>
    </message>
    <message>
        <source>Counts the things to do in every list below: legal deadlines, follow-up visits and leaders&apos; deadlines. A case can count more than once; the number of cases is on the right.</source>
        <translation>按下方各清单中的待办事项计数：包括法定期限、回访和领导包案期限。一件案件可能计入多项；案件件数见右侧。</translation>
    </message>
    <message>
        <source>waiting %1</source>
        <translation>等待 %1</translation>
    </message>
    <message>
        <source>overdue %1 · today %2 · within 7 days %3</source>
        <translation>超期 %1 · 今日 %2 · 七日内 %3</translation>
    </message>
    <message>
        <source>waiting since %1, %2 day(s)</source>
        <translation>自 %1 起等待，已 %2 天</translation>
    </message>
    <message>
        <source>overdue %1 day(s)</source>
        <translation>超期 %1 天</translation>
    </message>
    <message>
        <source>due today</source>
        <translation>今日到期</translation>
    </message>
    <message>
        <source>%1 day(s) left</source>
        <translation>还有 %1 天</translation>
    </message>
    <message>
        <source> (unconfirmed)</source>
        <translation>（未确认）</translation>
    </message>
</context>
<context>
    <name>_Cover</name>
    <message>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
</TS>

# noticeboard 的提示信息（简体中文）。每条都与 en.ftl 中同名的一条对应，用到的取值（{ $name }）相同。
# 名称的前缀说明是谁在说话：cli-（命令行）、config-、content-、model-、check-（检查）、import-、
# export-、build-、serve-、print-、worklog-（走访和台账）、campaign-、photos-。命令行的帮助文字按名称
# 查找：cli-about-<命令>、cli-arg-<命令>-<选项>（或 cli-arg-<选项>）。

cli-built-summary-units = 已生成 { $units } 个单位、{ $people } 名联系人
cli-exported-audit = 已把审计结果（{ $findings } 项）写入 { $path }

## 包联规则、干部级别、派出单位和联系户（campaign-）。

campaign-orgs-subfolder = orgs/ 里的子文件夹会被忽略
campaign-orgs-subfolder-help = 每个单位的记录直接放在 content/orgs/ 里
campaign-org-no-name = 这份派出单位记录没有名称（name）
campaign-org-no-name-help = 加一行，如 name = "县农机局"，与其人员的派出单位（org）写法完全相同（文件名是 { $stem }）
campaign-org-same-name = 另一份派出单位记录 { $first } 已经叫 { $name }
campaign-org-same-name-help = 每个单位只留一份记录：把两个文件合并
campaign-org-no-address = 文件名 { $stem } 转不出网址用的字母
campaign-org-no-address-help = 把文件改成字母文件名，如 nongjiju.toml
campaign-org-same-address = 这份记录和 { $first } 的网址都是 /orgs/{ $id }/
campaign-org-same-address-help = 把其中一个文件改名
campaign-org-unknown-leader = 责任领导 { $leader } 不在 content/people/ 里
campaign-org-unknown-leader-near = 是不是“{ $best }”？责任领导要写 content/people/ 里此人记录的文件名
campaign-org-unknown-leader-help = 写出责任领导在 content/people/ 里的记录文件名，或者新建 content/people/{ $leader }.toml
campaign-org-phone-not-text = 电话要加英文引号，如 "0534-2212001"
campaign-org-bad-phone = 单位电话：{ $problem }
campaign-unit-unknown-org = 没有人员的派出单位叫 { $org }，content/orgs/ 里也没有这个单位，这条联系单位连不到任何单位
campaign-unit-unknown-org-near = 是不是“{ $best }”？
campaign-unit-unknown-org-help = 单位名称要与其人员的派出单位（org）写法完全相同，或者在 content/orgs/ 里为它建一份记录
campaign-rule-bad-coverage = household_coverage = { $value } 不是 0 到 1 之间的比例
campaign-rule-bad-coverage-help = 写成员须联系的户数比例，如 1.0 表示每一户，0.8 表示八成
campaign-rule-no-name = 有一条 { $table } 规则没有名称
campaign-rule-no-name-help = 加一行，如 name = "县级或科级干部联系"，检查报告会引用这个名称
campaign-rule-unknown-kind = 规则里的单位类型 { $kind } 不认识
campaign-rule-unknown-kind-near = 是不是“{ $best }”？
campaign-rule-unknown-kind-help = 可用的类型：{ $kinds }
campaign-rule-empty-rank = 规则“{ $rule }”的级别列表是空的
campaign-rule-empty-role = 规则“{ $rule }”的角色列表是空的
campaign-rule-empty-list-help = 至少写一项，如 rank = ["县级", "科级"]，或者删掉这一行
campaign-rule-no-rank-or-role = 规则“{ $rule }”既没写级别也没写角色
campaign-rule-no-rank-or-role-help = 加上 rank = ["县级", "科级"] 或 role = ["联村民警"]（也可以都写），说明这条规则数哪些人
campaign-rule-zero-min = 规则“{ $rule }”要求至少 { $min } 人，每个单位都满足，等于没有要求
campaign-rule-zero-min-help = 写 1 或更大的数
campaign-rule-no-kinds = 规则“{ $rule }”没写适用的单位类型
campaign-rule-no-kinds-help = 写出适用的类型，如 kinds = ["village", "community"]
campaign-rule-package-no-rank = 包联规则“{ $rule }”没写级别
campaign-rule-zero-count = 包联规则“{ $rule }”对类型 { $kind } 要求 { $min } 个，人人都满足，等于没有要求
campaign-rule-bad-count = 包联规则“{ $rule }”对类型 { $kind } 写的“{ $value }”不是数字
campaign-rule-unknown-field = [[rules.{ $table }]] 里的字段 { $field } 不认识，已忽略
campaign-rule-unknown-field-near = 是不是 { $best }？
campaign-rule-unknown-field-help = 可用的字段：{ $known }
campaign-label-require = 人员要求
campaign-label-households = 联系户数
campaign-label-package = 包联
campaign-label-idle-org = 未参与单位
campaign-note-not-current = （另有 { $count } 条任职在 { $date } 不在起止日期内，不计算在内）
campaign-gap-require = { $unit } 现有{ $who }的成员 { $found } 人，“{ $requirement }”要求至少 { $min } 人
campaign-gap-households = { $unit }：成员共联系 { $linked } 户，占全部 { $households } 户的 { $percent }%，至少要联系 { $required } 户
campaign-or = 或
campaign-and = 、
campaign-who-rank = 级别为{ $ranks }
campaign-who-role = 担任{ $roles }
campaign-who-rank-role = 级别为{ $ranks }且担任{ $roles }
campaign-text-heading = 包联规则
campaign-package-line = { $name }（{ $package }）联系的单位不够：还差 { $missing }
campaign-idle-org-line = { $org } 没有人在现任工作队里（全参与）
campaign-missing-kind = { $n }{ $kind ->
        [village] 个村
        [community] 个社区
        [enterprise] 家企业
        [school] 所学校
        [project] 个项目
        [township] 个镇
        [street] 个街道
        [county] 个县
       *[other] 个单位
    }
campaign-import-bad-households = “{ $value }”不是户数：请写整数，如 5
campaign-import-rank-differs = 级别“{ $rank }”（那一行是“{ $kept }”）

## 发布（build-）。

build-placeholder-address = `base_url` = "{ $url }" 是示例地址或内网地址：公示牌上的二维码扫出来会打不开
build-placeholder-address-help = 请写上网站真正的公网地址，如 base_url = "https://www.shifan.gov.cn/gongshi"；只想先看看效果，可以加 --draft 生成样稿（公示牌上会印“样稿”字样）

## 检查（check-）。

check-stale-date = config.toml 里的发布日期 { $date } 比今天（{ $today }）早了 { $days } 天：公示牌上可能还有已经调走的人
check-stale-date-help = 请逐个核对工作队，然后把 config.toml 的 date 改成今天，如 date = { $today }
check-ended-member = { $name } 还在 { $unit } 的工作队里，但结束日期 { $until } 已经过了（今天是 { $today }）
check-ended-member-help = 请把 { $name } 从工作队中去掉，或者在 until 里写上新的结束日期
check-not-audited = 还不能发布：有 { $errors } 个错误，站点没能读入，所以没有做覆盖检查；请先改正上面的错误，再运行检查

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
campaign-org-name-too-long = 由这个文件名生成的网址有 { $length } 个字母，超过了文件夹名最多 { $max } 个的限制，生成时写不出这个单位的网页
campaign-org-name-too-long-help = 把文件改成简短的字母文件名，如 nongjiju.toml
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

## 站点设置 config.toml（config-）。

config-base-url-flag-help = 请写完整的网址，如 https://example.org/county
config-base-url-not-absolute = `base_url` = "{ $url }" 不是以 http:// 或 https:// 开头的完整网址
config-base-url-no-host = `base_url` = "{ $url }" 缺少域名
config-base-url-invalid = `base_url` = "{ $url }" 有误：{ $reason }
config-base-url-query = `base_url` = "{ $url }" 带有 `?` 或 `#` 后面的部分，网页地址接不上去
config-base-url-help = 请写网站将来的完整地址，如 "https://example.org/county"
config-no-file = { $site } 里没有 { $file }
config-no-file-help = 请在站点文件夹里运行 noticeboard，或者用 --root 文件夹 指明站点，或者用 `noticeboard init 文件夹` 新建一个站点
content-missing-field = 缺少 `{ $field }` 这一项
content-missing-field-help = 加一行，如 { $field } = { $example }
config-unknown-language = 不认识的语言 `{ $value }`
config-unknown-language-help = 请写 "zh-Hans"（中文）或 "en"（英文）
config-hotline-not-text = `hotline`（热线电话）要加英文引号，如 "12345"
config-unknown-paper = 不认识的纸张大小 `{ $value }`
config-unknown-paper-help = 请写 "A4"、"A3" 或 "A2"
config-unknown-orientation = 不认识的纸张方向 `{ $value }`
config-unknown-orientation-help = 请写 "portrait"（纵向）或 "landscape"（横向）
config-bad-site-code = `site_code` = "{ $value }" 不是政府网站标识码
config-bad-site-code-help = 网站标识码是 10 位数字（中央部门为 bm 加 8 位数字），以网站备案时下发的为准
config-bad-icp = `icp` = "{ $value }" 不是 ICP 备案号
config-bad-icp-help = 请按备案信息照写：省份简称、ICP备、数字和“号”，如 鲁ICP备12345678号-1
config-bad-police-record = `police_record` = "{ $value }" 不是公安备案号
config-bad-police-record-help = 请按备案信息照写：省份简称、公网安备、14 位数字和“号”，如 鲁公网安备 37142802000123号
config-bad-gov-mark = `gov_mark`（党政机关标识）要同时写 `image` 和 `link`
config-bad-gov-mark-help = 写成 gov_mark = {"{"} image = "dzjg.png", link = "https://bszs.conac.cn/sitename?method=show&id=…" {"}"}，图片放在 static/ 里
config-bad-contact = `contact` = "{ $value }" 既不是电子邮箱，也不是电话号码或网址
config-bad-contact-help = 请写群众能联系到网站主办单位的方式，如 "gongshi@example.gov.cn" 或 "0534-2212345"
config-gov-cn-missing = 网站挂在 .gov.cn 下，但 config.toml 里没有 { $fields }
config-gov-cn-missing-help = 政府网站每一页都要显示网站标识码、ICP 备案号和公网安备号；请把它们写进 config.toml

## 读取内容文件（content-）。

content-unreadable = 读不了这个文件：{ $reason }
content-unreadable-help = 请确认文件存在，并且有权限打开
content-not-utf8 = 这个文件不是 UTF-8 编码（可能存成了 GBK/ANSI）
content-not-utf8-help = 用编辑器打开，另存时把编码选为“UTF-8”
content-utf16 = 这个文件存成了 UTF-16 编码（记事本里叫“Unicode”），不是 UTF-8
content-front-matter-open = 开头用 `+++` 括起的字段部分没有结束
content-front-matter-open-help = 在字段之后、正文之前加一行，只写 `+++`
content-bad-toml-help = 请改正这一行的写法（文字要加英文引号 ""，日期写成 2023-03-09 这样）
content-unknown-field = 不认识的字段 `{ $field }`，已忽略
content-unknown-field-in = [[{ $table }]] 里不认识的字段 `{ $field }`，已忽略
content-did-you-mean-field = 是不是 `{ $best }`？
content-known-fields = 可用的字段：{ $known }
content-no-folder = 没有 content/ 文件夹
content-no-folder-help = 新建 content/ 文件夹，每个镇街一个文件夹，每个村一个 .toml 文件
content-walk-unreadable = 读不了：{ $reason }
content-people-subfolder = people/ 里子文件夹中的文件不会被读取，如这里的 { $file }；这样的文件夹里只能放记录用 `photo` 指定的照片
content-people-subfolder-help = 每个人的记录直接放在 content/people/ 里
content-underscore-file = 文件名以 `_` 开头的文件会被忽略
content-underscore-file-help = 只有 `_index.toml` 和 `_index.md` 有特定用途；要发布这个文件，请给它改名
content-identifier = 这里像是{ $what }（{ $masked }），不能公开
content-identifier-help = 请从记录里删掉这个号码：只公开工作联系方式
content-kind-resident-id = 居民身份证号
content-kind-old-resident-id = 15 位旧身份证号
content-kind-card-number = 银行卡号
content-same-name = 这份记录与 { $first } 同名
content-same-name-help = 两个文件只留一个（一份记录可以是 .toml 或 .md，不能两个都有）
content-date-out-of-range = `{ $field }` = { $value } 不在 { $from }–{ $to } 年之间
content-date-out-of-range-help = 年份要写全，如 2023-03-09
content-not-a-date = `{ $field }` 要写成 2023-03-09 这样的日期，不能写 `{ $value }`
content-not-a-date-help = 日期请写成 年-月-日，如 2023-03-09
content-impossible-date = `{ $field }` = { $value } 这一天不存在
content-impossible-date-help = 请核对月和日（2 月只有 28 或 29 天）
content-phone-empty = 电话号码是空的：手机号写成 139 1234 5678 这样，座机要带区号，如 0534-2212345
content-phone-no-digits = `{ $input }` 里没有数字：手机号写成 139 1234 5678 这样，座机要带区号，如 0534-2212345
content-phone-bad-character = `{ $input }` 里有 `{ $found }`，这不是电话号码里的字符：只写数字（可以有空格、横线、括号和开头的 +86），分机号或备注请写到别的字段
content-phone-no-area-code = `{ $input }` 没有区号：请带上区号，如 0534-2212345
content-phone-short-code = `{ $input }` 是服务短号，不是个人电话：请作为热线填写，或者填本人的手机或座机
content-phone-service-number = `{ $input }` 是 400/800 服务号码，不是个人电话：请作为热线填写，或者填本人的手机或座机
content-phone-foreign = `{ $input }` 不是中国大陆号码（国家代码 +{ $country_code }）：只能公开大陆号码，请填大陆手机或座机
content-phone-unsupported-kind = `{ $input }` 既不是手机号也不是座机号：请填大陆手机，如 139 1234 5678，或座机，如 0534-2212345
content-phone-invalid = `{ $input }` 不是有效的中国大陆电话号码：请核对数字（手机号 11 位，如 139 1234 5678；座机是区号加 7 或 8 位，如 0534-2212345）

## 人员、村（社区、单位）和镇街（model-）。

model-missing-phone-help = 请填公开的工作电话，如 phone = "139 1234 5678"
model-photo-outside = 照片“{ $photo }”不在站点文件夹里
model-photo-outside-help = 把照片复制到站点文件夹里（比如放在这份记录旁边），再改写照片路径
model-photo-leaves-folder = 照片“{ $photo }”的路径指到了站点文件夹外面
model-photo-leaves-folder-help = 把照片复制到站点文件夹里，再改写照片路径
model-photo-missing = 照片“{ $photo }”不存在，暂时显示占位图
model-photo-missing-help = 请核对文件名，或者删掉 `photo` 这一行
model-member-no-person = 工作队第 { $n } 名成员没有写 `person`（人员）
model-member-no-person-help = 加一行 person = "人员的文件名"（content/people/ 里的一份记录）
model-member-twice = `{ $person }` 在这个工作队里出现了两次
model-member-twice-help = 删掉两条 [[team]] 中的一条
model-unknown-person = content/people/ 里没有 `{ $person }` 这个人
model-unknown-person-near = 是不是“{ $best }”？如果不是，请新建 content/people/{ $person }.toml
model-unknown-person-help = 新建 content/people/{ $person }.toml，写上此人的姓名和电话
model-until-before-since = 结束日期 `until`（{ $until }）早于开始日期 `since`（{ $since }）
model-until-before-since-help = 把两个日期对调
model-unknown-kind = 不认识的单位类型 `{ $kind }`
model-unknown-kind-near = 是不是“{ $best }”？可用的类型：{ $kinds }
model-unknown-kind-help = 可用的类型：{ $kinds }
model-bad-code = `code` 应是 12 位统计用区划代码
model-bad-code-help = 请加英文引号，如 code = "371428104201"，或者删掉这一行
model-bad-alias = 旧网址“{ $alias }”不是站内路径
model-bad-alias-help = 请写原来的网址路径，如 "luquantun/liuzhuang"
model-phone-not-text = `{ $field }` 要写电话号码
model-phone-not-text-help = 请加英文引号，如 "139 1234 5678"
model-bad-phone = `{ $field }`：{ $problem }
model-reserved-folder = 文件夹名 `{ $folder }` 是网站自用的，不能用
model-reserved-folder-help = 给文件夹改名，或者在它的 _index.toml 里另写一个 `slug`
model-reserved-slug = `{ $slug }` 是网站自用的，不能用
model-reserved-slug-help = 给文件改名，或者另写一个 `slug`
model-bad-slug = `slug` = "{ $slug }" 不能用作网址
model-bad-slug-help = 只用小写字母、数字和横线，如 "{ $example }"
model-no-slug = `{ $name }` 转不出网址用的字母
model-no-slug-help = 加一行 `slug`，如 slug = "dongcun"
model-same-address = 这份记录和 { $first } 的网址都是 /{ $url }/
model-same-address-help = 给其中一个另起网址，加一行如 slug = "{ $last }-2"（读音相同的名称，如 石庄村 和 师庄村，拼音一样）
model-team-too-large = { $unit } 有 { $members } 名在岗成员；一张公示牌最多容纳 { $max } 名，它的公示牌会印到好几张纸上
model-team-too-large-help = 请拆分工作队：把这个单位的各组、网格或点位建成各自的记录，每个工作队不超过 { $max } 人，或只在这块公示牌上保留负责整个单位的人员
model-name-too-long = 由名称“{ $name }”生成的网址有 { $length } 个字母，超过了文件名或文件夹名最多 { $max } 个的限制，生成时写不出它的网页
model-name-too-long-help = 把这个文件（或它所在文件夹）的名称改短，或加一行短网址，如 slug = "{ $example }"
model-slug-too-long = `slug` 有 { $length } 个字母，超过了文件名或文件夹名最多 { $max } 个的限制，生成时写不出它的网页
model-slug-too-long-help = 改短到几个音节，如 slug = "{ $example }"
model-alias-too-long = 这个旧网址有一段超过 { $max } 个字母，超过了文件名或文件夹名的限制，生成时写不出它
model-alias-too-long-help = 这么长的网址不可能发布过：删掉这个旧网址，或改成原来的网址路径
model-person-name-too-long = 由这个文件名生成的网址有 { $length } 个字母；个人网页和名片最多只能用 { $max } 个，生成时写不出它们
model-person-name-too-long-help = 把文件改成短名称，如 { $example }.toml，并同时修改各工作队里引用它的 `person = `
model-url-too-long-for-qr = 这个单位的网址有 { $length } 个字符，二维码最多只能容纳 { $max } 个，做不出它的公示牌
model-url-too-long-for-qr-help = 把这个文件和上级各文件夹的名称改短（或给它们加短的 `slug`），或在 config.toml 中使用更短的 base_url
model-path-too-long = 这份记录的一个网页要写到长 { $length } 字节的路径；系统最多接受 { $max } 字节，生成时写不出它
model-path-too-long-help = 把这个文件和上级各文件夹的名称改短（或给它们加短的 `slug`），或生成到路径更短的文件夹（--output）

## 发布记录和重新印制（build-）。

build-history-unwritable = 写不了 { $path }：{ $reason }。网站已经生成，但下次生成时分不清哪些公示牌变了、哪些印出去的网址还要保留（请确认站点文件夹可以写入，再生成一次）
build-history-unreadable-help = 请确认有权限打开这个文件
build-history-damaged = 这个文件已损坏：{ $reason }
build-history-damaged-help = 请从备份或版本记录里恢复它；只有这个站点从没印过公示牌时，才可以删掉它
build-manifest-unreadable = 读不了上次生成留下的清单：{ $reason }
build-manifest-unreadable-help = 没有 { $history } 也没有这个文件，就找不出改名的单位和有变动的公示牌；这次生成会新建一个 { $history }
build-address-taken = 网址 /{ $path } 原来印在 { $old } 的公示牌上，现在打开的是 { $new }
build-address-taken-help = 如果是同一个单位改了名，不用做什么；如果不是，请给这个单位另写一个 `slug`，并把旧网址写进原单位的 `aliases`
build-base-url-changed = `base_url` 从 { $old } 改成了 { $new }：以前印的公示牌，二维码里都是旧网址
build-base-url-changed-help = 请让 { $old } 继续能打开（转到新网址），或者把所有公示牌重新印一遍
build-address-gone = 网址 /{ $path }（{ $name }）印在公示牌的二维码里，但现在没有哪个网页是这个网址了
build-address-gone-moved = 它的网页现在是 /{ $path }；在这个文件里加上 aliases = ["{ $old }"]，印出去的二维码就能打开它
build-address-gone-moved-slug = 它的网页现在是 /{ $path }；在这个文件里加上 aliases = ["{ $old }"]，印出去的二维码就能打开它，或者加上 slug = "{ $last }" 保留旧网址
build-address-gone-help = 如果单位改了名或者挪了地方，在它的记录里加上 aliases = ["{ $old }"]；如果它的公示牌已经撤下不用，就把这个网址从 { $file } 里删掉
build-reprint-none = 没有公示牌变动，不用重新印制
build-reprint-changed = 有改动 { $n } 张
build-reprint-new = 新增 { $n } 张
build-reprint-moved = 换了网址 { $n } 张
build-reprint-more-pages = ，另有 { $n } 页（每页 100 张）
build-reprint-in-areas = ；其中 { $boards } 张是 { $areas } 个地区的全部公示牌，清单页上有这些地区公示牌页的链接，请从那里整批打印
build-reprint-boards = 要重新印制的公示牌 { $boards } 张（{ $reasons }）：{ $page }{ $batches }
build-reprint-compared = （与 { $date } 那次生成相比）
build-reprint-removed = ；这些已不再公示，请把公示牌撤下：{ $boards }
cli-list-separator = 、
build-invalid = 发现 { $errors } 个错误，什么也没有写入
build-theme = 网站样式（主题）有问题：{ $problem }
build-output-foreign = { $path } 已经存在，而且不是 noticeboard 生成的，不能覆盖它（请换一个 --output 文件夹，或者先把它清空）
build-output-unwritable = 没法在 { $path } 旁边准备输出文件夹：{ $reason }

## 导出（export-）和新建站点（cli-init-）。

export-unwritable = 写不了 { $path }：{ $reason }
export-bad-xlsx = 生成不了表格 { $path }：{ $reason }
export-bad-csv = 生成不了 CSV 文件 { $path }：{ $reason }
export-bad-json = 生成不了 JSON 文件 { $path }：{ $reason }
cli-init-not-empty = { $dir } 里已经有站点（config.toml 或 content/）；请选一个空的或新的文件夹
cli-init-unwritable = 写不了 { $path }：{ $reason }

## 照片（photos-）。

photos-placeholder-help = 暂时显示占位图
photos-missing = 找不到照片；请补上照片文件，或者改正照片路径
photos-not-a-file = 这不是一个普通文件；照片路径要指向一张图片
photos-unreadable = 读不了这个文件（{ $reason }）；请确认有权限打开它
photos-file-too-large = 文件有 { $size } 字节，超过了 { $limit } 字节的上限；请按手机照片大小另存为 JPEG
photos-empty = 文件是空的；请重新复制一次照片
photos-heic = 读不了 HEIC/HEIF 格式的照片；请另存为 JPEG（苹果手机：设置 › 相机 › 格式 › 兼容性最佳）
photos-unknown-format = 不是 JPEG、PNG 或 WebP 图片；请另存为 JPEG
photos-truncated = 文件不完整（复制或下载中途断了）；请重新复制一次照片
photos-too-big = 图片{ $size }；上限是每边 { $side } 像素、解开后 { $megabytes } MB；请缩小后另存，如 3000×4000
photos-size = 为 { $width }×{ $height } 像素
photos-size-unknown = 太大，打不开
photos-too-small = 图片只有 { $width }×{ $height } 像素，做证件照太小；请用宽度至少 { $min } 像素的照片
photos-unsupported-feature = 图片用了本程序读不了的格式特性（{ $feature }）；请另存为 JPEG
photos-damaged = 图片数据已损坏（{ $reason }）；请另存为 JPEG
photos-no-pixels = 图片里没有像素
photos-decoder-crashed = 解码时出错
photos-incompressible = 图片几乎全是噪点，压不到适合手机看的大小；请换一张清楚的照片
photos-changed-during-build = 生成网站时文件被改动了；请再生成一次
photos-cache-write = 处理好的照片存不进缓存（{ $reason }）；请检查磁盘剩余空间

## 检查报告（check-）。

cli-label-error = 错误：
cli-label-warning = 提醒：
cli-label-help = 怎么改：
check-label-no-team = 无工作队
check-label-team-too-small = 人数不足
check-label-no-lead = 无负责人
check-note-not-current = （另有 { $count } 条任职在 { $date } 不在起止日期内，不计算在内）
check-gap-no-team = { $unit } 目前没有工作队{ $note }
check-gap-team-too-small = { $unit } 现有成员 { $members } 人，至少要 { $min } 人{ $note }
check-gap-no-lead = { $unit } 现有成员中没有标明负责人{ $note }
check-heading-areas = 各镇街覆盖情况（{ $date }）
check-top-level = （不属于任何镇街）
check-area-name = { $name }（{ $path }/）
check-heading-people = 人员
check-label-overloaded = 联系过多
check-label-stale = 电话待核实
check-label-shared-phone = 电话重复
check-label-on-no-team = 未入工作队
check-label-not-serving = 不在任期
check-overloaded = { $name } 目前在 { $count } 个工作队里（最多 { $max } 个）：{ $units }
check-stale = { $name } 的电话最后一次核实是在 { $checked }，已经 { $days } 天了（最多 { $max } 天）
check-person-with-id = { $name }（{ $id }）
check-and = 和
check-shared-phone = { $phone } 同时填给了 { $people }
check-list-sep = ；
check-on-no-team = { $people }（提醒：没有哪个村或单位列了这些人，所以不会公示；请删掉记录，或者把他们加进工作队）
check-not-serving = { $people }（提醒：到 { $date } 这些人的任职都已结束或尚未开始，所以不发布他们的网页、名片和搜索条目）
check-total = 合计
check-total-line = { $counts }；{ $people } 人
check-verdict-errors = 还不能发布
check-verdict-gaps = 可以生成，但有缺口
check-verdict-clean = 全部合格
check-verdict-counts = 错误 { $errors } 个，缺口 { $gaps } 个，提醒 { $warnings } 个
check-counts = 共 { $units } 个单位，{ $start }已覆盖 { $covered } 个（{ $percent }%）{ $end }，无缺口的 { $complete } 个

## 工作台账：走访和问题台账（worklog-）。

import-place-sheet-row = 工作表“{ $sheet }”第 { $row } 行
import-place-row = 第 { $row } 行
import-place-column = ，“{ $header }”列（{ $letter } 列）
import-at = { $place }：{ $message }
worklog-file-and-place = { $file } { $place }
worklog-not-a-spreadsheet = 这个文件不是表格，不会读取
worklog-not-a-spreadsheet-help = content/visits/ 和 content/ledger/ 里只放 .csv 和 .xlsx 文件
worklog-unreadable = 读不了这份台账：{ $reason }
worklog-no-header = 没有哪个工作表的前 { $rows } 行里有写着 { $columns } 这些列名的表头
worklog-no-header-help = 加一行表头，列名为 { $columns }（也可以用英文列名）
worklog-sheet-without-header = 工作表“{ $sheet }”没有含 { $columns } 的表头，不会读取
worklog-sheet-without-header-help = 如果这个工作表也是台账的一部分，请加上表头
worklog-unused-columns-sheet = 工作表“{ $sheet }”：{ $columns } 这几列不会读取（也不会公开）
worklog-unused-columns = { $columns } 这几列不会读取（也不会公开）
worklog-unused-columns-help = 如果这些列应该读取，请核对列名；否则这只是提示
worklog-undecodable = 有些字符没法按 { $encoding } 读出，显示成了 �
worklog-undecodable-help = 请在 Excel 里另存为 .xlsx，或者另存为“CSV UTF-8”
worklog-mixed-encoding-help = 用 Excel 或 WPS 打开这个文件，这一行如显示乱码就重新输入，再另存为“CSV UTF-8”或 .xlsx
worklog-empty-cell = “{ $header }”这一格是空的
worklog-empty-cell-help = 每一行都要填“{ $header }”
worklog-formula-without-value = 这个单元格是公式 { $formula }，但文件里没有保存它的计算结果（文件由程序生成，之后没有在表格软件中保存过）
worklog-formula-without-value-help = 用 Excel 或 WPS 打开这个文件并保存一次，保存时会存下计算结果
worklog-bad-date-help = 日期写成 年-月-日（如 2023-03-09），或者在 Excel 里把这一列设成日期格式
worklog-date-in-future = { $date } 晚于发布日期 { $publication }
worklog-date-in-future-help = 请核对日期：台账只记到发布日期为止已经发生的事
worklog-closed-before-raised = 办结日期 { $closed } 早于登记日期（{ $raised }）
worklog-due-before-raised = 办理期限 { $due } 早于登记日期（{ $raised }）
worklog-check-both-dates = 请核对这两个日期
worklog-closed-but-open = 这一条填了办结日期，但状态是“{ $status }”（{ $key }），还没办完
worklog-closed-but-open-help = 把状态改成“已办结”或“已反馈”，或者删掉办结日期
worklog-unknown-unit = content/ 里没有“{ $unit }”这个村（社区、单位）
worklog-unknown-unit-near = 是不是“{ $best }”？请写 content/ 下的路径（donghu/刘庄村）、网址路径（donghu/liuzhuangcun）或 镇/村 名称（东湖镇/刘庄村）
worklog-unknown-unit-help = 请写 content/ 下的路径（donghu/刘庄村）、网址路径（donghu/liuzhuangcun）或 镇/村 名称（东湖镇/刘庄村）
worklog-ambiguous-unit = 叫“{ $unit }”的不止一个：{ $candidates }
worklog-ambiguous-unit-help = 请写出路径，如上面列出的某一个
worklog-unknown-person = content/people/ 里没有“{ $name }”这个人
worklog-unknown-person-near = 是不是“{ $best }”？请写人员编号（content/people/ 里的文件名）或姓名；几个人之间用“、”隔开
worklog-unknown-person-help = 请写人员编号（content/people/ 里的文件名）或姓名；几个人之间用“、”隔开
worklog-ambiguous-person = 叫 { $name } 的不止一个人：{ $ids }
worklog-ambiguous-person-help = 请写要找的那个人的编号（content/people/ 里的文件名）
worklog-bad-households = “{ $value }”不是户数
worklog-bad-households-help = 请写整数，如 5，或者空着
worklog-unknown-status = 不认识的状态“{ $status }”
worklog-unknown-status-help = 可用的状态：{ $statuses }
worklog-duplicate-id = 编号 { $id } 用了两次：{ $file } { $place } 也是这个编号
worklog-duplicate-id-help = 台账里每一条都要有自己的编号
worklog-identifier = 这里像是{ $what }（{ $masked }），不能记在这里
worklog-identifier-help = 请删掉：台账只记次数和可以公开的摘要，不记群众的任何个人信息
worklog-private-phone = 电话号码 { $masked } 不是已公示的干部电话或热线，可能是群众的电话
worklog-private-phone-help = 请删掉：台账里不记群众的任何个人信息
worklog-not-positive = `{ $field }` 要写不小于 1 的整数
worklog-not-positive-help = 写一个数，如 31；删掉这一行就用默认值
worklog-unknown-field = [{ $table }] 里不认识的字段 `{ $field }`，已忽略
worklog-heading-visits = 走访情况（{ $date }）：每个单位至少每 { $every } 天走访一次；每人每年入户 { $home } 次
worklog-label-no-visit = 近期未走访
worklog-label-few-home-visits = 入户不足
worklog-label-overdue = 超期
worklog-label-no-closing-date = 无办结日期
worklog-last-visit = { $name }：最近一次走访是 { $last }，已经 { $days } 天了（最多 { $every } 天）
worklog-never-visited = { $name }：没有走访记录
worklog-under-quota = { $name } 近 365 天入户 { $visits } 次，至少要 { $required } 次
worklog-heading-ledger = 问题台账：共 { $entries } 条，未办结 { $open } 条（超期 { $overdue } 条），已办结 { $resolved } 条
worklog-category = （{ $category }）
worklog-overdue-entry = { $id } { $unit }{ $category }：办理期限是 { $due }，已过 { $days } 天，还没有办结
worklog-no-closing-date = { $id } { $unit }：已办结，但“办结日期”一格是空的
worklog-sheet-gaps = 覆盖缺口
worklog-sheet-not-visited = 超期未走访单位
worklog-sheet-few-home-visits = 入户不足人员
worklog-sheet-overdue = 超期问题
worklog-sheet-no-closing-date = 办结无日期
worklog-column-area = 镇街
worklog-column-unit = 单位
worklog-column-file = 文件
worklog-column-id = 编号
worklog-column-row = 行
worklog-column-gap = 问题
worklog-column-members = 现有成员
worklog-column-last-visit = 最近走访
worklog-column-days-ago = 距今天数
worklog-column-name = 姓名
worklog-column-home-visits = 近一年入户次数
worklog-column-required = 要求次数
worklog-column-category = 类别
worklog-column-raised = 登记日期
worklog-column-due = 办理期限
worklog-column-days-overdue = 超期天数
worklog-column-owner = 责任人

## 导入花名册（import-）。

import-verb-create = 新建
import-verb-change = 修改
import-verb-remove = 删除
import-verb-missing = 名册中无
import-plan-what = （{ $what }）
import-plan-missing-note = {" "}不在花名册里：已保留（加 --prune 会删除它）
import-totals = 读入 { $rows } 行：新建 { $created } 个，修改 { $changed } 个，不变 { $kept } 个，删除 { $removed } 个
import-totals-skipped = ；跳过有错的行 { $n } 行
import-totals-dry-run = （试运行：什么也没有写入）
import-no-header = { $file }：没有哪个工作表的前 { $rows } 行里有写着“单位”和“姓名”的表头；请加一行表头，列名为 镇街、单位、类型、姓名、职务、派出单位、角色、电话、照片、联系户、起始日期
import-bad-rows = { $file } 里有 { $n } 行有错，什么也没有写入：请改正后再导入，或者加 --skip-bad 只导入没错的行
import-site-errors = { $dir } 里的站点有 { $errors } 个错误，要先改正才能导入；什么也没有写入
import-unwritable = 写不了 { $path }：{ $reason }。在它之前的文件已经写好了，请解决问题后再导入一次（重复导入不会出错）
import-sheet-without-header = 工作表“{ $sheet }”没有含“单位”和“姓名”的表头，不会导入
import-sheet-without-header-help = 如果这个工作表也是花名册的一部分，请加上表头
import-progress-rows = 正在读取
import-progress-writing = 正在写入
import-undecodable-help = 请在 Excel 里把花名册另存为 .xlsx，或者另存为“CSV UTF-8”，再导入
import-starter-config = 这个文件夹里没有 config.toml，已经写了一个初始的
import-starter-config-help = 印制公示牌之前，请先设置 `title`（标题）和 `base_url`（网站将来的地址，所有二维码都由它生成）
import-starter-config-comment =
    # 这个文件是 `noticeboard import` 写的，因为这个文件夹里原来没有 config.toml。
    # 请把 base_url 改成网站将来发布的地址：所有二维码都由它生成。
import-what-unit = 单位 { $name }
import-what-area = 镇街 { $name }
import-what-person = 人员 { $name }
import-what-photo = { $name } 的照片
import-what-settings = 站点设置
import-what-not-in-roster = 单位 { $name }（不在花名册里）
import-what-not-editable = { $what }（没法修改）
import-what-changed = { $what }：{ $fields }
import-what-with-members = { $what }，{ $members }
import-members = { $n ->
        [0] 还没有工作队
       *[other] { $n } 名成员
    }
import-left-as-it-was = { $name } 在 { $roster } 里有一行有错，它的记录保持原样
import-left-as-it-was-help = 改正那一行后再导入，就能更新这个工作队
import-new-number = { $row } 的 { $name } 电话是 { $phone }，和这份记录里的不一样：会新建一份人员记录
import-new-number-help = 如果是同一个人换了号码，请先改 { $file } 里的 `phone`，再导入一次
import-misread = { $name } 里有多音字：{ $readings }；它的网址用的是 `{ $slug }`
import-misread-help = 如果当地不这么读，请在第一次生成网站之前，在这个文件里写上如 `slug = "{ $suggested }"`：网址会印在公示牌上，以后不能再改
import-unused-columns-sheet = 工作表“{ $sheet }”：这几列不会导入：{ $columns }
import-unused-columns = 这几列不会导入：{ $columns }
import-unused-columns-help = 能读取的列有 { $columns }；如果某一列其实就是其中之一，请改一下列名
import-already-on-team = { $name } 已经在 { $unit } 的工作队里了（这一行不导入）
import-excel-error = 这一格显示的是 Excel 错误 { $error }：请直接输入数值，不要用公式
import-formula-without-value = 这个单元格是公式 { $formula }，但文件里没有保存它的计算结果（文件由程序生成，之后没有在表格软件中保存过）：请用 Excel 或 WPS 打开这个文件并保存一次（保存时会存下计算结果），再重新导入
import-identifier = 这一格里有{ $what }（{ $masked }）：身份证号绝不能公开，请从花名册里删掉
import-maybe-identifier = 这里像是{ $what }（{ $masked }）；请确认可以公开
import-unknown-kind = 不认识的类型“{ $kind }”：请写 村、社区、企业、学校、项目 或 镇街（也可以写 village、community、enterprise、school、project、township、street、county、other）
import-no-unit = “单位”是空的：请写这一行属于哪个村、社区或单位
import-kind-differs = { $unit } 在 { $row } 已经是 { $kind } 类型；以第一次的为准
import-sheet-not-an-area = 工作表“{ $sheet }”没有“镇街”列，名字也不是镇街名，所以它的单位都放在最上一级，不属于任何镇街
import-sheet-not-an-area-help = 请加一列“镇街”，或者把工作表改成镇街的名字（…镇、…乡、…街道、…办事处），再导入一次
import-no-name = “姓名”是空的，但这一行填了{ $what }：请写上姓名，或者清空这一行
import-until-before-since = 结束日期 { $until } 早于开始日期 { $since }：请把两个日期对调
import-no-phone = “电话”是空的：公示牌上每个人都要有公开的联系电话，手机如 139 1234 5678，座机如 0534-2212345
import-no-phone-column = 花名册里没有“电话”列：公示牌上每个人都要有公开的联系电话，手机如 139 1234 5678，座机如 0534-2212345
import-bad-lead = “{ $value }”看不出是“是”还是“否”：负责人写“是”，不是就空着
import-photo-not-an-image = “{ $photo }”不是 .jpg、.jpeg、.png 或 .webp 照片；此人导入时不带照片
import-photo-missing = 照片“{ $photo }”不在花名册旁边（{ $path }）；此人导入时不带照片
import-phone-is-date = “{ $value }”是日期，不是电话号码：请把这一列设成“文本”格式，再重新输入号码
import-differs-title = 职务“{ $value }”（那一行是“{ $kept }”）
import-differs-org = 派出单位“{ $value }”（那一行是“{ $kept }”）
import-person-differs = { $name } 在 { $row } 也出现过，但 { $fields } 不一样；以第一行为准
import-two-numbers = { $name } 在这里的电话是 { $phone }，在 { $row } 是 { $other }：会当作两个人导入
import-two-numbers-help = 如果是同一个人，请每一行都填同一个号码
import-short-date = “{ $value }”开头不是四位年份，可能有几种理解；请写成 年-月-日，如 2023-03-09
import-not-a-date = “{ $value }”不是日期：请写成 年-月-日，如 2023-03-09
import-impossible-date = “{ $value }”这一天不存在：请核对月和日
import-date-out-of-range = “{ $value }”不在 { $from }–{ $to } 年之间：请写完整日期，如 2023-03-09
import-roster-unreadable = 读不了花名册 { $file }：{ $reason }
import-not-a-spreadsheet = { $file } 不是 noticeboard 能读的表格：请在 Excel 里另存为 .xlsx（或 CSV）再导入
import-csv-unreadable = { $reason }：请核对路径，并确认文件没有在别的程序里打开
import-no-such-file = 没有这个文件：请核对路径
import-workbook-unreadable = { $reason }：文件可能已损坏、设了密码，或者其实不是表格；请用 Excel 打开，再另存为 .xlsx
import-sheet-unreadable = 工作表“{ $sheet }”：{ $reason }
import-csv-bad-quote = { $reason }：请检查每个引号（"）都有配对
import-line-not-utf8 = 第 { $line } 行不是 UTF-8 编码，和前面各行不同（可能是从别的文件粘贴来的 GBK 文字）：这个文件混用了两种编码
import-line-utf8 = 第 { $line } 行是 UTF-8 编码，和文件其余部分（可能是 GBK）不同：这个文件混用了两种编码
import-mixed-encoding = { $file }：{ $problem }。请用 Excel 或 WPS 打开它，这一行如显示乱码就重新输入，再另存为“CSV UTF-8”或 .xlsx，导入另存的文件

## 把公示牌印成 PDF（print-）。

print-progress-boards = 公示牌
print-no-browser = 找不到用来生成 PDF 的浏览器（Chrome、Chromium 或 Edge）。请安装其中一个：Windows 10 和 11 自带 Microsoft Edge；Linux（统信 UOS、麒麟、Debian、Ubuntu 等）运行 sudo apt-get install chromium，或安装 Chrome、Edge 的安装包；macOS 安装 Google Chrome。浏览器装在别处时，用 --browser 路径 或环境变量 CHROME 指明。
print-browser-missing = { $by } 指定的浏览器 { $browser } 不存在；请改正路径，或去掉它，让 noticeboard 自己查找 Chrome、Chromium 或 Edge。
print-browser-missing-env = 环境变量 { $by } 指定的浏览器 { $browser } 不存在；请改正路径，或去掉它，让 noticeboard 自己查找 Chrome、Chromium 或 Edge。
print-browser-failed = 浏览器 { $browser } 启动失败（{ $reason }）。请确认它能正常打开；换一个浏览器可以用 --browser 路径 指定。
print-failed = 浏览器没能打印 { $page }（{ $reason }），未生成 PDF；请再试一次。
print-nothing-asked = 请写出要打印的村（社区、单位）或镇街，或者用 --all（全部）或 --reprint（需要重新印制的）。例如：noticeboard print donghu -o 东湖镇.pdf
print-unknown = 没有叫 { $name } 的村（社区、单位）或镇街；可以写网址路径（如 donghu/liuzhuang）、content 下的路径或名称
print-unknown-near = 没有叫 { $name } 的村（社区、单位）或镇街；是不是 { $best }？
print-ambiguous = { $name } 不止一个，请写出路径：{ $candidates }
print-nothing-to-reprint = 没有需要重新印制的公示牌（与上次生成相比没有变化），未生成 PDF。
print-areas-empty = 所选镇街下没有村（社区、单位），未生成 PDF。
print-spilled = 这些公示牌一张纸印不下：{ $boards }。请缩短职务、单位名称或任务，或在 config.toml 的 [board] 中选更大的纸张，然后再打印。
print-printed = 已生成 { $boards } 张公示牌（{ $size } { $orientation ->
        [landscape] 横向
       *[portrait] 纵向
    }，每张一页）：{ $path }，用时 { $seconds } 秒。把这个 PDF 交给打印店，按 100% 原大打印。
print-no-profile = 没法新建浏览器用的临时文件夹：{ $reason }
print-not-absolute = 不是完整路径
print-batch-unreadable = 读不了 { $path }：{ $reason }；请重新生成网站
print-no-sheet = { $path } 里的公示牌外面没有 <main>…</main>：网站样式里的公示牌页面必须保留它，print 要从那里取出公示牌
print-pdf-unreadable = 读不了浏览器生成的 PDF：{ $reason }
print-pdf-no-pages = 浏览器生成的 PDF 一页也没有
print-unwritable = 写不了 { $path }：{ $reason }

## 边改边预览（serve-）。

serve-cannot-listen = 没法在 127.0.0.1:{ $port } 上提供预览：{ $reason }（是不是别的程序占用了这个端口？可以用 --port 换一个数字试试）
serve-cannot-watch = 没法监视 { $path } 的改动：{ $reason }
serve-serving = 正在预览 { $site }，网址 { $url }（按 Ctrl+C 停止）
serve-stopped = 已停止
serve-built = 已生成 { $units } 个单位、{ $pages } 个网页，用时 { $ms } 毫秒
serve-last-good-build = 改好之前，浏览器里一直显示上一次成功生成的网站
serve-build-crashed = 生成网站时意外中断：{ $reason }
serve-overlay-title = noticeboard：网站生成失败（页面显示的是上一次成功生成的内容）
serve-waiting-title = noticeboard 预览：等待网站生成成功
serve-waiting-heading = 网站还没有生成出来
serve-waiting-text = 请改正下面（以及命令行窗口里）列出的错误；生成成功后，这个页面会自动刷新。

## 网站样式、模板和二维码（build-）。

build-progress-pages = 网页
build-template = 模板 { $origin }：{ $reason }
build-template-not-utf8 = 模板不是 UTF-8 编码；请另存为 UTF-8
build-strings = 文字表 { $origin }：{ $reason }
build-strings-not-utf8 = 不是 UTF-8 编码
build-strings-not-a-table = [{ $table }] 不是一个表
build-strings-not-text = [{ $table }] 里的 `{ $key }` 要写成加英文引号的文字
build-qr = 生成不了 { $url } 的二维码：{ $reason }
build-qr-too-long = 文字有 { $bytes } 字节，太长，装不进二维码（上限约 2330 字节 UTF-8）
build-qr-module-size = 二维码每格的大小要在 1 到 { $max } 像素之间，现在是 { $size }
build-theme-missing = 站点文件夹里没有 themes/{ $theme }/
build-theme-unreadable = 读不了 { $path }：{ $reason }
photos-progress = 照片
build-unwritable = 写不了 { $path }：{ $reason }
build-builtin-theme-file = themes/default/{ $path }（内置）

## 命令行：结果汇总和 --help（cli-）。

cli-no-current-folder = 读不了当前文件夹
cli-init-done = 已在 { $dir } 里写入 { $files } 个文件；生成网站：noticeboard build --root { $dir }
cli-built-summary = { $units }：{ $pages } 个网页，{ $boards } 块公示牌，照片新处理 { $processed } 张、沿用 { $reused } 张，用时 { $seconds } 秒 → { $output }
cli-built-partial = 只重新生成了上次生成以来有变动的网页，其余文件沿用上次的结果（如需全部重新生成：noticeboard build --full）
cli-output-unchanged = 原来生成的网站（如果有）保持不变
cli-skipped-row = 已跳过：{ $row }
cli-export-site-errors = 站点有错误；请改正后再导出（什么也没有写入）
cli-exported = 已把 { $rows } { $what ->
        [memberships] 条任职
       *[rows] 行
    }（{ $units } 个单位，{ $people } 人）写入 { $path }
cli-heading-usage = 用法：
cli-heading-commands = 命令
cli-heading-arguments = 参数
cli-heading-options = 选项
cli-arg-help = 显示帮助
cli-arg-version = 显示版本号
cli-about-help = 显示本说明，或某个命令的说明
cli-arg-help-subcommand = 要说明的命令
cli-about-noticeboard = 把干部联系公示牌发布成网站，并生成可打印的公示牌
cli-arg-root = 站点文件夹（放 config.toml 的那个）；不写就是当前文件夹
cli-about-build = 把网站生成到 public/（或 --output 指定的文件夹）。生成失败时，那里什么也不改
cli-arg-build-output = 生成到哪个文件夹；不写就是 public/
cli-arg-build-base_url = 用这个网址，不用 config.toml 里的 base_url
cli-arg-build-draft = 生成样稿：即使 config.toml 的 base_url 是 example.org 这样的示例地址也照样生成；公示牌上印“样稿”，不更新 published.json
cli-arg-build-full = 全部网页重新生成，而不是只生成上次以来有变动的
cli-about-check = 检查生成网站要读的所有内容，并核查覆盖情况；什么也不写入
cli-check-exit-status = 退出码：没有错误时为 0（缺口只报告，不算失败），有错误时为 1，加 --strict 时有缺口也为 1；命令本身没能运行时为 2。
cli-arg-check-output = 上次生成网站的文件夹，没有 published.json 时用它代替；不写就是 public/
cli-arg-check-strict = 有缺口也算不合格（退出码 1）：单位没有工作队、人数不够或没有负责人，有人联系过多，电话太久没核实或两人共用
cli-arg-check-format = 报告的格式：text 给人看，json 给程序读
cli-arg-check-draft = 检查样稿：base_url 是 example.org 这样的示例地址不算错误
cli-about-init = 在指定文件夹里写一个能直接用的小示例站点
cli-arg-init-dir = 写示例站点的文件夹；里面不能已经有站点
cli-about-serve = 生成网站，在 127.0.0.1 上预览，每次改动后自动重新生成并刷新浏览器
cli-arg-serve-port = 预览用的端口
cli-arg-serve-open = 用默认浏览器打开网站
cli-about-import = 把 .xlsx 或 .csv 花名册导入成站点内容；可以放心重复运行
cli-arg-import-roster = 花名册：.xlsx（或 .xls、.ods）或 .csv（UTF-8 或 GBK 编码）
cli-arg-import-into = 写入哪个站点文件夹；不写就用 --root（或当前文件夹）
cli-arg-import-dry_run = 只显示会改什么，什么也不写入
cli-arg-import-prune = 删掉花名册里已经没有的单位
cli-arg-import-skip_bad = 有些行有错时，照样导入没错的行
cli-about-print = 生成网站，再用电脑上装的 Chrome、Chromium 或 Edge 把公示牌印成一个 PDF 交给打印店，每块公示牌一页
cli-arg-print-ids = 要打印的村（社区、单位）或镇街（写镇街就打印它下面所有单位）：网址路径（donghu/liuzhuang）、content/ 下的路径（东湖镇/刘庄村）或名称（刘庄村）
cli-arg-print-all = 打印全部公示牌
cli-arg-print-reprint = 打印需要重新印制的公示牌（与上次生成相比有改动或新增的）
cli-arg-print-output = 要写的 PDF 文件
cli-arg-print-browser = 用来打印的浏览器程序；不写就用 $CHROME，再不然就在 PATH 和常见安装位置里找 Chrome、Chromium 或 Edge
cli-arg-print-draft = 打印样稿（印“样稿”字样），即使 base_url 是 example.org 这样的示例地址
cli-about-export = 把站点的花名册导出（xlsx、csv），导出成 Popolo JSON，或者把检查结果导出成表格
cli-arg-export-format = 导出什么：花名册 xlsx 或 csv，popolo（Popolo JSON，用于开放数据），或 audit-xlsx（检查结果表格：覆盖缺口、超期未走访的单位、入户不足的人员、超期和没填办结日期的台账条目）
cli-arg-export-output = 要写的文件
cli-default = （默认：{ $value }）
cli-possible-values = （可选：{ $values }）

## 异常和恶意输入（issue 20）。

serve-foreign-host = 本预览只响应 127.0.0.1 或 localhost 的访问，其他网站的地址不能读取。
build-output-in-sources = 输出文件夹 { $output } 位于站点的 { $folder } 文件夹里，下次生成时会被当作站点内容读回去；请用 --output 选一个不在其中的文件夹（默认是站点文件夹里的 public/）
content-link-outside = 这是一个指向站点文件夹以外的文件或文件夹的链接，不会被读取或发布
content-link-outside-help = 请把文件复制到站点文件夹里，不要用链接
content-file-copy = 这个文件看起来是文件管理器复制出来的“副本”，不会被读取，以免同一个单位或人员发布两次
content-file-copy-help = 请删除这个副本；如果它确实是另一条记录，请给它改个名字
build-output-holds-site = 输出文件夹 { $output } 就是站点文件夹或者包含站点文件夹；生成时会整个替换输出文件夹，请用 --output 另选一个单独的文件夹（默认是站点文件夹里的 public/）
content-id-disguised = 按发布后页面上读者看到的样子，这里有{ $kind ->
    [resident] 居民身份证号
    [old] 旧版15位身份证号
   *[card] 银行卡号
  }（{ $number }），只是被符号、转义或看不见的字符隔开了，不容易发现；这样的号码不得发布
content-id-disguised-help = 请从记录中删除这个号码：只发布工作联系方式
static-uncheckable = static/ 里的 .{ $ext } 文件会原样发布，无法检查其中有没有居民身份证号（放错文件夹的花名册就会被公开）
static-uncheckable-help = 请把这个文件移出 static/；文件请另行发布，或写成 content/ 里的页面
static-image-gps = 这张图片记录了拍摄地点（EXIF 里的 GPS 信息），而 static/ 里的文件会原样发布
static-image-gps-help = 请去掉位置信息后重新保存图片（多数修图软件都能去掉）；人员照片请放在 content/people/，那里会自动去掉这些信息
static-id-number = 这个文件里有居民身份证号（{ $number }），而 static/ 里的文件会原样发布
static-id-number-help = 请从 static/ 中删除这个号码或这个文件
import-hidden-sheet = 工作簿里的工作表“{ $sheet }”是隐藏的，没有读取
import-hidden-sheet-help = 如果其中的内容应当发布，请在 Excel 里取消隐藏（右键点工作表标签，选“取消隐藏”），再运行一次
check-boards = 公示牌
check-boards-no-hotline = { $units } 个单位没有监督电话（请在 config.toml 里写 hotline，或写在单位、镇街的记录里）
check-boards-no-issuer = config.toml 里没有落款单位（issuer）
check-boards-no-photo = { $serving } 人中有 { $people } 人没有照片（照片与人员文件同名，放在 content/people/ 里）
import-photo-outside = 照片 { $photo } 既不在花名册旁边，也不在站点文件夹里，所以没有复制

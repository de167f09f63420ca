# noticeboard 的提示信息（简体中文）。每条都与 en.ftl 中同名的一条对应，用到的取值（{ $name }）相同。
# 名称的前缀说明是谁在说话：cli-（命令行）、config-、content-、model-、check-（检查）、import-、
# export-、build-、serve-。

cli-built-summary-units = 已生成 { $units } 个单位、{ $people } 名联系人
cli-exported-audit = 已把审计结果（{ $findings } 项）写入 { $path }

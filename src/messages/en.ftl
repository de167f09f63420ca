# noticeboard's messages in English. Each id has the same entry in zh-Hans.ftl, taking the
# same values ({ $name }). Ids start with the part of the tool that speaks: cli- (the command
# line), config-, content-, model-, check- (the audit), import-, export-, build-, serve-,
# print-, worklog- (visits and the ledger), campaign- and photos-. The command line's help
# texts are looked up by name: cli-about-<command>, cli-arg-<command>-<option> (else
# cli-arg-<option>). Values are put in as { $variables }, never pasted into the text.

cli-built-summary-units = built { $units } units, { $people } people
cli-exported-audit = wrote the audit ({ $findings } findings) to { $path }

## Campaign rules, ranks, organizations and household links (campaign-).

campaign-orgs-subfolder = folders inside orgs/ are ignored
campaign-orgs-subfolder-help = keep every organization record directly in content/orgs/
campaign-org-no-name = this organization record has no name
campaign-org-no-name-help = add a line such as name = "县农机局": the same text as the org of its people (the file is { $stem })
campaign-org-same-name = another organization record, { $first }, already has the name { $name }
campaign-org-same-name-help = keep one record per organization: merge the two files
campaign-org-no-address = the file name { $stem } gives no letters for a web address
campaign-org-no-address-help = rename the file with letters, like nongjiju.toml
campaign-org-same-address = this record and { $first } both end up at the address /orgs/{ $id }/
campaign-org-same-address-help = rename one of the two files
campaign-org-unknown-leader = the leader { $leader } is not in content/people/
campaign-org-unknown-leader-near = did you mean "{ $best }"? The leader is a person's file name in content/people/
campaign-org-unknown-leader-help = write the file name of the leader's record in content/people/, or create content/people/{ $leader }.toml
campaign-org-phone-not-text = the phone must be written in quotes, like "0534-2212001"
campaign-org-bad-phone = the office's phone: { $problem }
campaign-unit-unknown-org = no person's org and no record in content/orgs/ is named { $org }, so this link leads nowhere
campaign-unit-unknown-org-near = did you mean "{ $best }"?
campaign-unit-unknown-org-help = write the organization's name exactly as its people's org says, or add a record for it in content/orgs/
campaign-rule-bad-coverage = household_coverage = { $value } is not a share between 0 and 1
campaign-rule-bad-coverage-help = write the share of households the members must link, like 1.0 for every household or 0.8 for four in five
campaign-rule-no-name = a { $table } rule has no name
campaign-rule-no-name-help = add a line such as name = "县级或科级干部联系": the reports quote it
campaign-rule-unknown-kind = unknown kind { $kind } in a rule
campaign-rule-unknown-kind-near = did you mean "{ $best }"?
campaign-rule-unknown-kind-help = use one of: { $kinds }
campaign-rule-empty-rank = the rule "{ $rule }" has an empty rank list
campaign-rule-empty-role = the rule "{ $rule }" has an empty role list
campaign-rule-empty-list-help = name at least one, like rank = ["县级", "科级"], or remove the line
campaign-rule-no-rank-or-role = the rule "{ $rule }" names neither a rank nor a role
campaign-rule-no-rank-or-role-help = add rank = ["县级", "科级"] or role = ["联村民警"] (or both) to say whom the rule counts
campaign-rule-zero-min = the rule "{ $rule }" asks for at least { $min }, which every unit meets
campaign-rule-zero-min-help = write a number of 1 or more
campaign-rule-no-kinds = the rule "{ $rule }" names no kinds of unit
campaign-rule-no-kinds-help = add the kinds it applies to, like kinds = ["village", "community"]
campaign-rule-package-no-rank = the package "{ $rule }" names no rank
campaign-rule-zero-count = the package "{ $rule }" asks for { $min } of kind { $kind }, which everyone meets
campaign-rule-bad-count = the package "{ $rule }" asks for "{ $value }" of kind { $kind }, which is not a number
campaign-rule-unknown-field = unknown field { $field } in [[rules.{ $table }]] is ignored
campaign-rule-unknown-field-near = did you mean { $best }?
campaign-rule-unknown-field-help = known fields: { $known }
campaign-label-require = requirement
campaign-label-households = households
campaign-label-package = package
campaign-label-idle-org = idle office
campaign-note-not-current = {" "}({ $count } assignment(s) are outside their start and end dates on { $date } and do not count)
campaign-gap-require = { $unit } has { $found } current member(s) { $who }; "{ $requirement }" asks for at least { $min }
campaign-gap-households = { $unit }: its members link { $linked } of its { $households } households ({ $percent }%); at least { $required } must be linked
campaign-or = {" "}or{" "}
campaign-and = {" "}and{" "}
campaign-who-rank = of rank { $ranks }
campaign-who-role = serving as { $roles }
campaign-who-rank-role = of rank { $ranks } serving as { $roles }
campaign-text-heading = Campaign rules
campaign-package-line = { $name } ({ $package }) is on too few current teams: { $missing } more needed
campaign-idle-org-line = nobody from { $org } is on a current team (every office takes part)
campaign-missing-kind = { $n } { $kind ->
        [village] { $n ->
            [one] village
           *[other] villages
        }
        [community] { $n ->
            [one] community
           *[other] communities
        }
        [enterprise] { $n ->
            [one] enterprise
           *[other] enterprises
        }
        [school] { $n ->
            [one] school
           *[other] schools
        }
        [project] { $n ->
            [one] project site
           *[other] project sites
        }
        [township] { $n ->
            [one] township
           *[other] townships
        }
        [street] { $n ->
            [one] street
           *[other] streets
        }
        [county] { $n ->
            [one] county
           *[other] counties
        }
       *[other] { $n ->
            [one] unit
           *[other] units
        }
    }
campaign-import-bad-households = "{ $value }" is not a number of households: write a whole number, like 5
campaign-import-rank-differs = 级别 rank "{ $rank }" ("{ $kept }" there)

## Publishing (build-).

build-placeholder-address = `base_url` = "{ $url }" is a placeholder or private address: every QR code printed on a board would lead nowhere a resident's phone can reach
build-placeholder-address-help = write the site's real public address, like base_url = "https://www.shifan.gov.cn/gongshi"; to try the site out first, build a draft with --draft (its boards are marked 样稿, draft)

## The audit (check-).

check-stale-date = the publication date { $date } in config.toml is { $days } days before today ({ $today }): the boards may show people who have moved on
check-stale-date-help = check every team, then write today's date in config.toml, like date = { $today }
check-ended-member = { $name } is still on the team of { $unit }, but their end date { $until } has passed (today is { $today })
check-ended-member-help = take { $name } off the team, or write their new end date in until
check-not-audited = not ready to publish: { $errors } error(s), and the coverage audit did not run because the site could not be read; fix the errors above and check again

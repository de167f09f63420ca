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
campaign-org-name-too-long = the web address made from this file's name is { $length } letters long, more than the { $max } a folder name may have, so the build could not write the organization's page
campaign-org-name-too-long-help = rename the file with a short name in letters, like nongjiju.toml
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

## The site's settings, config.toml (config-).

config-base-url-flag-help = give an absolute URL like https://example.org/county
config-base-url-not-absolute = `base_url` = "{ $url }" is not an absolute http(s) address
config-base-url-no-host = `base_url` = "{ $url }" has no host name
config-base-url-invalid = `base_url` = "{ $url }": { $reason }
config-base-url-query = `base_url` = "{ $url }" has a query or fragment (`?` or `#`), which no page address can follow
config-base-url-help = write the full address the site will have, like "https://example.org/county"
config-no-file = no { $file } in { $site }
config-no-file-help = run noticeboard in your site folder, pass --root DIR, or create one with `noticeboard init DIR`
content-missing-field = `{ $field }` is missing
content-missing-field-help = add a line such as { $field } = { $example }
config-unknown-language = unknown language `{ $value }`
config-unknown-language-help = use "zh-Hans" (Chinese) or "en" (English)
config-hotline-not-text = `hotline` must be a phone number in quotes
config-unknown-paper = unknown paper size `{ $value }`
config-unknown-paper-help = use "A4", "A3" or "A2"
config-unknown-orientation = unknown orientation `{ $value }`
config-unknown-orientation-help = use "portrait" or "landscape"
config-bad-site-code = `site_code` = "{ $value }" is not a government-website code
config-bad-site-code-help = the 网站标识码 is ten digits (central departments: bm and eight digits), as issued with the site's registration
config-bad-icp = `icp` = "{ $value }" is not an ICP filing number
config-bad-icp-help = write it as the filing shows it: the province's abbreviation, ICP备, the digits and 号, like 鲁ICP备12345678号-1
config-bad-police-record = `police_record` = "{ $value }" is not a public-security filing number
config-bad-police-record-help = write it as the filing shows it: the province's abbreviation, 公网安备, fourteen digits and 号, like 鲁公网安备 37142802000123号
config-bad-gov-mark = `gov_mark` needs both `image` and `link`
config-bad-gov-mark-help = write gov_mark = {"{"} image = "dzjg.png", link = "https://bszs.conac.cn/sitename?method=show&id=…" {"}"}, the image in static/
config-bad-contact = `contact` = "{ $value }" is not an e-mail address, a phone number or a web address
config-bad-contact-help = write the address residents can reach the site's office at, like "gongshi@example.gov.cn" or "0534-2212345"
config-gov-cn-missing = the site is published under .gov.cn but config.toml has no { $fields }
config-gov-cn-missing-help = a government website shows its 网站标识码, ICP and 公网安备 numbers on every page; add them to config.toml

## Reading the content files (content-).

content-unreadable = cannot read the file: { $reason }
content-unreadable-help = check that the file exists and that you may read it
content-not-utf8 = the file is not UTF-8 text (it may be saved as GBK/ANSI)
content-not-utf8-help = open it in your editor and save it again with the encoding "UTF-8"
content-utf16 = the file is saved as UTF-16 (what Notepad calls "Unicode"), not as UTF-8 text
content-front-matter-open = the front matter opened with `+++` is never closed
content-front-matter-open-help = add a line with only `+++` after the TOML fields, before the Markdown text
content-bad-toml-help = fix the TOML at this line (text values need "quotes", dates look like 2023-03-09)
content-unknown-field = unknown field `{ $field }` is ignored
content-unknown-field-in = unknown field `{ $field }` in [[{ $table }]] is ignored
content-did-you-mean-field = did you mean `{ $best }`?
content-known-fields = known fields: { $known }
content-no-folder = there is no content/ folder
content-no-folder-help = create content/ with one folder per township and one .toml file per village
content-walk-unreadable = cannot read: { $reason }
content-people-subfolder = files in folders inside people/ are not read, such as { $file } here; only photos that records name with `photo` may be kept in such a folder
content-people-subfolder-help = keep every person record directly in content/people/
content-underscore-file = files whose name starts with `_` are ignored
content-underscore-file-help = only `_index.toml` / `_index.md` have a meaning; rename the file to publish it
content-identifier = this looks like { $what } ({ $masked }); it must not be published
content-identifier-help = remove the number from the record: only work contact details are published
content-kind-resident-id = a resident ID number
content-kind-old-resident-id = an old 15-digit resident ID number
content-kind-card-number = a bank card number
content-same-name = this record has the same name as { $first }
content-same-name-help = keep one of the two files (a record may be .toml or .md, not both)
content-date-out-of-range = `{ $field }` = { $value } is outside the years { $from }–{ $to }
content-date-out-of-range-help = write the year in full, like 2023-03-09
content-not-a-date = `{ $field }` must be a date like 2023-03-09, not `{ $value }`
content-not-a-date-help = write the date as YYYY-MM-DD
content-impossible-date = `{ $field }` = { $value } is not a real calendar date
content-impossible-date-help = check the day and month (February has 28 or 29 days)
content-phone-empty = the phone number is empty: write a mobile like 139 1234 5678 or a landline with its area code like 0534-2212345
content-phone-no-digits = `{ $input }` contains no digits: write a mobile like 139 1234 5678 or a landline with its area code like 0534-2212345
content-phone-bad-character = `{ $input }` contains `{ $found }`, which is not part of a phone number: write only the digits (spaces, dashes, brackets and a leading +86 are fine) and put extensions or remarks in another field
content-phone-no-area-code = `{ $input }` has no area code: write it with the area code, like 0534-2212345
content-phone-short-code = `{ $input }` is a short service code, not a personal number: list it as a hotline, or give the official's own mobile or landline
content-phone-service-number = `{ $input }` is a 400/800 service number, not a personal number: list it as a hotline, or give the official's own mobile or landline
content-phone-foreign = `{ $input }` is not a mainland China number (country code +{ $country_code }): only mainland numbers can be published, so give a mainland mobile or landline
content-phone-unsupported-kind = `{ $input }` is neither a mobile nor a landline number: give a mainland mobile like 139 1234 5678 or a landline like 0534-2212345
content-phone-invalid = `{ $input }` is not a valid mainland China phone number: check the digits (a mobile has 11 digits like 139 1234 5678; a landline is an area code plus 7 or 8 digits like 0534-2212345)

## People, units and areas (model-).

model-missing-phone-help = add the public work number, like phone = "139 1234 5678"
model-photo-outside = the photo "{ $photo }" is outside the site folder
model-photo-outside-help = copy the photo into the site folder (for example beside the record) and point to it there
model-photo-leaves-folder = the photo "{ $photo }" points outside the site folder
model-photo-leaves-folder-help = copy the photo into the site folder and point to it there
model-photo-missing = the photo "{ $photo }" does not exist; a placeholder is shown
model-photo-missing-help = check the file name, or remove the `photo` line
model-member-no-person = team member { $n } has no `person`
model-member-no-person-help = add person = "file-name-of-the-person" (a record in content/people/)
model-member-twice = `{ $person }` is on this team twice
model-member-twice-help = remove one of the two [[team]] entries
model-unknown-person = no person `{ $person }` in content/people/
model-unknown-person-near = did you mean "{ $best }"? otherwise create content/people/{ $person }.toml
model-unknown-person-help = create content/people/{ $person }.toml with the person's name and phone
model-until-before-since = `until` ({ $until }) is before `since` ({ $since })
model-until-before-since-help = swap the two dates
model-unknown-kind = unknown kind `{ $kind }`
model-unknown-kind-near = did you mean "{ $best }"? kinds: { $kinds }
model-unknown-kind-help = use one of: { $kinds }
model-bad-code = `code` should be the 12-digit statistical division code
model-bad-code-help = write it in quotes, like code = "371428104201", or remove it
model-bad-alias = alias "{ $alias }" is not a site path
model-bad-alias-help = write the old address path, like "luquantun/liuzhuang"
model-phone-not-text = `{ $field }` must be a phone number
model-phone-not-text-help = write it in quotes, like "139 1234 5678"
model-bad-phone = `{ $field }`: { $problem }
model-reserved-folder = the folder name `{ $folder }` is reserved for the site's own pages
model-reserved-folder-help = rename the folder or give its _index.toml a different `slug`
model-reserved-slug = `{ $slug }` is reserved for the site's own pages
model-reserved-slug-help = rename the file or give it a different `slug`
model-bad-slug = `slug` = "{ $slug }" is not a valid URL segment
model-bad-slug-help = use lowercase letters, digits and dashes only, like "{ $example }"
model-no-slug = `{ $name }` gives no letters for a web address
model-no-slug-help = add a `slug` field such as slug = "dongcun"
model-same-address = this record and { $first } both end up at the address /{ $url }/
model-same-address-help = give one of them its own address with a line such as slug = "{ $last }-2" (names that sound alike, like 石庄村 and 师庄村, share a pinyin)
model-team-too-large = { $unit } has { $members } current members; one board sheet holds at most { $max }, so its board would run onto more sheets
model-team-too-large-help = split the team: give parts of the unit (its groups, grids or sites) records of their own, each with a team of at most { $max }, or keep on this board only those who serve the whole unit
model-name-too-long = the web address made from the name "{ $name }" is { $length } letters long, more than the { $max } a file or folder name may have, so the build could not write its pages
model-name-too-long-help = shorten the name of this file (or of its folder), or give it a short address of its own with a line such as slug = "{ $example }"
model-slug-too-long = `slug` is { $length } letters long, more than the { $max } a file or folder name may have, so the build could not write its pages
model-slug-too-long-help = shorten it to a few syllables, like slug = "{ $example }"
model-alias-too-long = the alias has a part longer than { $max } letters, more than a file or folder name may have, so the build could not write it
model-alias-too-long-help = an address that long was never published: remove the alias, or correct it to the old address path
model-person-name-too-long = the web address made from this file's name is { $length } letters long; a person's page and contact card need it to be at most { $max }, so the build could not write them
model-person-name-too-long-help = rename the file to something short, like { $example }.toml, and change `person = ` on the teams that name it
model-url-too-long-for-qr = the address of this unit is { $length } characters long; a QR code holds at most { $max }, so its board could not be made
model-url-too-long-for-qr-help = shorten the names of this file and of the folders above it (or give them short `slug`s), or use a shorter base_url in config.toml
model-path-too-long = a page of this record would be written at a path { $length } bytes long; the system takes at most { $max }, so the build could not write it
model-path-too-long-help = shorten the names of this file and of the folders above it (or give them short `slug`s), or build into a folder with a shorter path (--output)

## Publishing history and reprints (build-).

build-history-unwritable = cannot write { $path }: { $reason }; the site was built, but the next build cannot tell which boards changed or which printed addresses must keep working (check that the site folder is writable, then build again)
build-history-unreadable-help = check that you may read it
build-history-damaged = this file is damaged: { $reason }
build-history-damaged-help = restore it from your backup or version control; delete it only if no board was ever printed from this site
build-manifest-unreadable = cannot read the previous build's manifest: { $reason }
build-manifest-unreadable-help = without { $history } or this file, renamed units and changed boards cannot be found; this build starts a new { $history }
build-address-taken = the address /{ $path } was printed on the boards of { $old }, and now leads to { $new }
build-address-taken-help = if this is the same unit under a new name, nothing needs doing; if not, give this unit its own `slug` and list the old address in the `aliases` of the unit it belonged to
build-base-url-changed = `base_url` changed from { $old } to { $new }: every board printed before holds the old address in its QR code
build-base-url-changed-help = keep { $old } working (redirect it to the new address), or print every board again
build-address-gone = the address /{ $path } ({ $name }) is printed in the QR codes of boards, but no page has it any more
build-address-gone-moved = its page is now /{ $path }; add aliases = ["{ $old }"] to this file so the printed QR codes lead there
build-address-gone-moved-slug = its page is now /{ $path }; add aliases = ["{ $old }"] to this file so the printed QR codes lead there, or add slug = "{ $last }" to keep the old address
build-address-gone-help = if the unit was renamed or moved, add aliases = ["{ $old }"] to its record; if its boards were taken down for good, delete this address from { $file }
build-reprint-none = no board changed: nothing to print again
build-reprint-changed = { $n } changed
build-reprint-new = { $n } new
build-reprint-moved = { $n } moved
build-reprint-more-pages = {" "}and { $n } more pages of 100
build-reprint-in-areas = ; { $boards } of them are every board of { $areas } areas: the list links to those areas' boards pages, to print each whole
build-reprint-boards = { $boards } board(s) to print again ({ $reasons }): { $page }{ $batches }
build-reprint-compared = {" "}(compared with the build of { $date })
build-reprint-removed = ; no longer published, take these boards down: { $boards }
cli-list-separator = ,{" "}
build-invalid = { $errors } error(s) found; nothing was written
build-theme = theme: { $problem }
build-output-foreign = { $path } already exists and was not made by noticeboard; refusing to replace it (choose another --output, or empty it first)
build-output-unwritable = cannot prepare the output beside { $path }: { $reason }

## Exports (export-) and a new site (cli-init-).

export-unwritable = cannot write { $path }: { $reason }
export-bad-xlsx = cannot make the spreadsheet { $path }: { $reason }
export-bad-csv = cannot make the CSV file { $path }: { $reason }
export-bad-json = cannot make the JSON file { $path }: { $reason }
cli-init-not-empty = { $dir } already holds a site (config.toml or content/); choose an empty or new folder
cli-init-unwritable = cannot write { $path }: { $reason }

## Photos (photos-).

photos-placeholder-help = a placeholder is shown instead
photos-missing = photo not found; add the file or correct the photo path
photos-not-a-file = not a regular file; point the photo path at an image file
photos-unreadable = cannot read the file ({ $reason }); check that it is readable
photos-file-too-large = file is { $size } bytes, over the { $limit }-byte limit; re-save it as JPEG at phone size
photos-empty = file is empty; copy the photo again
photos-heic = HEIC/HEIF photos cannot be read; re-save it as JPEG (on iPhone: Settings › Camera › Formats › Most Compatible)
photos-unknown-format = not a JPEG, PNG or WebP image; re-save it as JPEG
photos-truncated = file is truncated (the copy or download stopped early); copy the photo again
photos-too-big = image is { $size }; the limit is { $side } pixels a side and { $megabytes } MB decoded; re-save it smaller, e.g. 3000×4000
photos-size = { $width }×{ $height } pixels
photos-size-unknown = too large to open
photos-too-small = image is only { $width }×{ $height } pixels, too small for a portrait; use a photo at least { $min } pixels wide
photos-unsupported-feature = image uses a feature this program cannot read ({ $feature }); re-save it as JPEG
photos-damaged = image data is damaged ({ $reason }); re-save it as JPEG
photos-no-pixels = image has no pixels
photos-decoder-crashed = the decoder crashed on it
photos-incompressible = image is mostly noise and cannot be made small enough for phones; use a clearer photo
photos-changed-during-build = file changed while the site was being built; build again
photos-cache-write = could not save the processed photo in the cache ({ $reason }); check free disk space

## The audit, as `check` prints it (check-).

cli-label-error = error:{" "}
cli-label-warning = warning:{" "}
cli-label-help = help:{" "}
check-label-no-team = no team
check-label-team-too-small = team too small
check-label-no-lead = no lead
check-note-not-current = {" "}({ $count } team place(s) have ended or not yet begun on { $date })
check-gap-no-team = { $unit } has no current team{ $note }
check-gap-team-too-small = { $unit } has { $members } current member(s); at least { $min } are required{ $note }
check-gap-no-lead = { $unit } has no current member marked as its lead (负责人){ $note }
check-heading-areas = Coverage by area on { $date }
check-top-level = (top level)
check-area-name = { $name } ({ $path }/)
check-heading-people = People
check-label-overloaded = overloaded
check-label-stale = stale
check-label-shared-phone = shared phone
check-label-on-no-team = on no team
check-label-not-serving = not serving
check-overloaded = { $name } is on { $count } current teams (at most { $max }): { $units }
check-stale = { $name }'s number was last confirmed on { $checked }, { $days } days ago (at most { $max })
check-person-with-id = { $name } ({ $id })
check-and = {" "}and{" "}
check-shared-phone = { $phone } is given for { $people }
check-list-sep = ;{" "}
check-on-no-team = { $people } (warning: no unit lists them, so they are not published; remove the record or add them to a team)
check-not-serving = { $people } (warning: on { $date } every team place of theirs has ended or not yet begun, so no page, vCard or search entry is published)
check-total = Total
check-total-line = { $counts }; { $people } people
check-verdict-errors = not ready to publish
check-verdict-gaps = ready to build, with gaps
check-verdict-clean = clean
check-verdict-counts = { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }, { $gaps ->
        [one] 1 gap
       *[other] { $gaps } gaps
    }, { $warnings ->
        [one] 1 warning
       *[other] { $warnings } warnings
    }
check-counts = { $units ->
        [one] 1 unit
       *[other] { $units } units
    }, { $start }{ $covered } covered ({ $percent }%){ $end }, { $complete } without gaps

## The work log: visits and the problem ledger (worklog-).

import-place-sheet-row = sheet { $sheet }, row { $row }
import-place-row = row { $row }
import-place-column = , column { $header } ({ $letter })
import-at = { $place }: { $message }
worklog-file-and-place = { $file }, { $place }
worklog-not-a-spreadsheet = this file is not a spreadsheet and is not read
worklog-not-a-spreadsheet-help = keep only .csv and .xlsx files in content/visits/ and content/ledger/
worklog-unreadable = cannot read this log: { $reason }
worklog-no-header = no sheet has a header row naming the columns { $columns } in its first { $rows } rows
worklog-no-header-help = add a header row with the columns { $columns } (or their English names)
worklog-sheet-without-header = sheet { $sheet } has no header row with { $columns }, so it is not read
worklog-sheet-without-header-help = add the header row if the sheet holds part of the log
worklog-unused-columns-sheet = sheet { $sheet }: the columns { $columns } are not read (nor published)
worklog-unused-columns = the columns { $columns } are not read (nor published)
worklog-unused-columns-help = check their headers if they should be read; otherwise this is only a note
worklog-undecodable = some characters could not be read as { $encoding }; they show as �
worklog-undecodable-help = save the file from Excel as .xlsx, or as "CSV UTF-8"
worklog-mixed-encoding-help = open the file in Excel or WPS, type that line again if it shows garbled characters, and save it as "CSV UTF-8" or as .xlsx
worklog-empty-cell = the { $header } cell is empty
worklog-empty-cell-help = fill in the { $header } column on every row
worklog-formula-without-value = the cell holds the formula { $formula } but no saved value (a program wrote the file and nobody saved it in a spreadsheet since)
worklog-formula-without-value-help = open the file in Excel or WPS and save it: that stores the values
worklog-bad-date-help = write dates as YYYY-MM-DD, or format the column as a date in Excel
worklog-date-in-future = { $date } is after the publication date { $publication }
worklog-date-in-future-help = check the date; the log records what has happened by the publication date
worklog-closed-before-raised = the closing date { $closed } is before the day it was raised ({ $raised })
worklog-due-before-raised = the deadline { $due } is before the day it was raised ({ $raised })
worklog-check-both-dates = check both dates
worklog-closed-but-open = the entry has a closing date but its status is { $status } ({ $key }), which is open
worklog-closed-but-open-help = set the status to 已办结 or 已反馈, or remove the closing date
worklog-unknown-unit = no unit "{ $unit }" in content/
worklog-unknown-unit-near = did you mean "{ $best }"? write the unit's path under content/ (donghu/刘庄村), its web address (donghu/liuzhuangcun) or 镇/村 names (东湖镇/刘庄村)
worklog-unknown-unit-help = write the unit's path under content/ (donghu/刘庄村), its web address (donghu/liuzhuangcun) or 镇/村 names (东湖镇/刘庄村)
worklog-ambiguous-unit = "{ $unit }" names more than one unit: { $candidates }
worklog-ambiguous-unit-help = write the unit's path, like one of those above
worklog-unknown-person = no person "{ $name }" in content/people/
worklog-unknown-person-near = did you mean "{ $best }"? write a person's id (the file name in content/people/) or name; separate several with 、
worklog-unknown-person-help = write a person's id (the file name in content/people/) or name; separate several with 、
worklog-ambiguous-person = more than one person is named { $name }: { $ids }
worklog-ambiguous-person-help = write the id of the one you mean (the file name in content/people/)
worklog-bad-households = "{ $value }" is not a number of households
worklog-bad-households-help = write a whole number, like 5, or leave the cell empty
worklog-unknown-status = unknown status "{ $status }"
worklog-unknown-status-help = use one of: { $statuses }
worklog-duplicate-id = the id { $id } is used twice: also on { $file } { $place }
worklog-duplicate-id-help = give every ledger entry its own id
worklog-identifier = this looks like { $what } ({ $masked }); it must not be recorded here
worklog-identifier-help = remove it: the log holds counts and public summaries, nothing about a resident
worklog-private-phone = the phone number { $masked } is not a published cadre's or hotline: it may be a resident's
worklog-private-phone-help = remove it: nothing about a resident is recorded in the log
worklog-not-positive = `{ $field }` must be a whole number of at least 1
worklog-not-positive-help = write a number such as 31, or remove the line for the default
worklog-unknown-field = unknown field `{ $field }` in [{ $table }] is ignored
worklog-heading-visits = Visits on { $date }: every unit at least every { $every } days; { $home } home visits (入户) a person a year
worklog-label-no-visit = no recent visit
worklog-label-few-home-visits = few home visits
worklog-label-overdue = overdue
worklog-label-no-closing-date = no closing date
worklog-last-visit = { $name }: last visited on { $last }, { $days } days ago (at most { $every })
worklog-never-visited = { $name }: no visit recorded
worklog-under-quota = { $name } made { $visits } home visit(s) (入户) in the last 365 days; at least { $required } are required
worklog-heading-ledger = Problem ledger: { $entries } entries, { $open } open ({ $overdue } overdue), { $resolved } resolved
worklog-category = {" "}({ $category })
worklog-overdue-entry = { $id } { $unit }{ $category }: was due on { $due }, { $days } days ago, and is still open
worklog-no-closing-date = { $id } { $unit }: resolved, but the 办结日期 (closed) cell is empty
worklog-sheet-gaps = Coverage gaps
worklog-sheet-not-visited = Units not visited
worklog-sheet-few-home-visits = Few home visits
worklog-sheet-overdue = Overdue entries
worklog-sheet-no-closing-date = No closing date
worklog-column-area = Area
worklog-column-unit = Unit
worklog-column-file = File
worklog-column-id = Id
worklog-column-row = Row
worklog-column-gap = Gap
worklog-column-members = Current members
worklog-column-last-visit = Last visit
worklog-column-days-ago = Days ago
worklog-column-name = Name
worklog-column-home-visits = Home visits (365 days)
worklog-column-required = Required
worklog-column-category = Category
worklog-column-raised = Raised
worklog-column-due = Due
worklog-column-days-overdue = Days overdue
worklog-column-owner = Owner

## Importing a roster (import-).

import-verb-create = create
import-verb-change = change
import-verb-remove = remove
import-verb-missing = missing
import-plan-what = ({ $what })
import-plan-missing-note = {" "}is not in the roster: kept (--prune removes it)
import-totals = { $rows } rows read: { $created } created, { $changed } changed, { $kept } kept, { $removed } removed
import-totals-skipped = ; { $n } bad row(s) skipped
import-totals-dry-run = {" "}(dry run: nothing was written)
import-no-header = { $file }: no sheet has a header row naming the columns 单位 (unit) and 姓名 (name) in its first { $rows } rows; add a header row with the columns 镇街, 单位, 类型, 姓名, 职务, 派出单位, 角色, 电话, 照片, 联系户, 起始日期
import-bad-rows = { $n } bad row(s) in { $file }; nothing was written: fix them and import again, or import the other rows with --skip-bad
import-site-errors = the site in { $dir } has { $errors } error(s) to fix before importing; nothing was written
import-unwritable = cannot write { $path }: { $reason }; the files planned before it were written, so fix the problem and import again (import is safe to repeat)
import-sheet-without-header = sheet { $sheet } has no header row with 单位 and 姓名, so it is not imported
import-sheet-without-header-help = add the header row if the sheet holds part of the roster
import-progress-rows = reading rows
import-progress-writing = writing
import-undecodable-help = save the roster from Excel as .xlsx, or as "CSV UTF-8", and import that
import-starter-config = the folder had no config.toml, so a starter one is written
import-starter-config-help = set `title` and `base_url` (the address the site will be published at: every QR code is made from it) before printing boards
import-starter-config-comment =
    # Written by `noticeboard import`, because this folder had no config.toml.
    # Set base_url to the address the site will be published at: every QR code is made from it.
import-what-unit = unit { $name }
import-what-area = area { $name }
import-what-person = person { $name }
import-what-photo = photo of { $name }
import-what-settings = the site's settings
import-what-not-in-roster = unit { $name } (not in the roster)
import-what-not-editable = { $what } (could not be edited)
import-what-changed = { $what }: { $fields }
import-what-with-members = { $what }, { $members }
import-members = { $n ->
        [0] no team yet
        [one] 1 member
       *[other] { $n } members
    }
import-left-as-it-was = { $name } has a bad row in { $roster }, so its record is left as it was
import-left-as-it-was-help = fix the row and import again to update this team
import-new-number = { $name } on { $row } has the number { $phone }, which is not the number in this record: a new person record is made
import-new-number-help = if it is the same person with a new number, change `phone` in { $file } first and import again
import-misread = { $name } has characters read more than one way: { $readings }; its address uses `{ $slug }`
import-misread-help = if people say it another way, write e.g. `slug = "{ $suggested }"` in this file before the first build: the address is printed on its board and must not change afterwards
import-unused-columns-sheet = sheet { $sheet }: these columns are not imported: { $columns }
import-unused-columns = these columns are not imported: { $columns }
import-unused-columns-help = the columns read are { $columns }; rename a header if it means one of them
import-already-on-team = { $name } is already on the team of { $unit } (this row is left out)
import-excel-error = the cell shows the Excel error { $error }: type the value itself instead of a formula
import-formula-without-value = the cell holds the formula { $formula } but no saved value (a program wrote the file and nobody saved it in a spreadsheet since): open the file in Excel or WPS, save it, which stores the values, and import again
import-identifier = this cell holds { $what } ({ $masked }): ID numbers must never be published, so remove it from the roster
import-maybe-identifier = this looks like { $what } ({ $masked }); check that it may be published
import-unknown-kind = unknown kind "{ $kind }": use 村, 社区, 企业, 学校, 项目 or 镇街 (or village, community, enterprise, school, project, township, street, county, other)
import-no-unit = the unit (单位) is empty: write the village, community or other unit this row belongs to
import-kind-differs = { $unit } is already a { $kind } on { $row }; the first is kept
import-sheet-not-an-area = sheet { $sheet } has no 镇街 column and its name is not a township's, so its units are placed at the top level, outside any area
import-sheet-not-an-area-help = add a 镇街 column, or name the sheet after its area (…镇, …乡, …街道, …办事处) and import again
import-no-name = the name (姓名) is empty but the row has a { $what }: write the person's name, or clear the row
import-until-before-since = the end date { $until } is before the start date { $since }: swap the two dates
import-no-phone = the phone number (电话) is empty: every person on a board needs a public contact number, a mobile like 139 1234 5678 or a landline like 0534-2212345
import-no-phone-column = the roster has no phone (电话) column: every person on a board needs a public contact number, a mobile like 139 1234 5678 or a landline like 0534-2212345
import-bad-lead = "{ $value }" is neither yes nor no: write 是 for the team's lead, or leave the cell empty
import-photo-not-an-image = "{ $photo }" is not a .jpg, .jpeg, .png or .webp photo; the person is imported without it
import-photo-missing = the photo "{ $photo }" is not beside the roster ({ $path }); the person is imported without it
import-phone-is-date = "{ $value }" is a date, not a phone number: format the column as Text and type the number again
import-differs-title = 职务 title "{ $value }" ("{ $kept }" there)
import-differs-org = 派出单位 org "{ $value }" ("{ $kept }" there)
import-person-differs = { $name } also appears on { $row } with a different { $fields }; the first row's is used
import-two-numbers = { $name } has the number { $phone } here and { $other } on { $row }: they are imported as two people
import-two-numbers-help = if it is one person, give the same number on every row
import-short-date = "{ $value }" has no four-digit year first: it could mean more than one date; write it as YYYY-MM-DD, like 2023-03-09
import-not-a-date = "{ $value }" is not a date: write it as YYYY-MM-DD, like 2023-03-09
import-impossible-date = "{ $value }" is not a real calendar date: check the day and month
import-date-out-of-range = "{ $value }" is outside the years { $from }–{ $to }: write the full date as YYYY-MM-DD, like 2023-03-09
import-roster-unreadable = cannot read the roster { $file }: { $reason }
import-not-a-spreadsheet = { $file } is not a spreadsheet noticeboard can read: save it from Excel as .xlsx (or as CSV) and import that
import-csv-unreadable = { $reason }: check the path and that the file is not open elsewhere
import-no-such-file = there is no such file: check the path
import-workbook-unreadable = { $reason }: the file may be damaged, password-protected or not really a spreadsheet; open it in Excel and save it again as .xlsx
import-sheet-unreadable = sheet { $sheet }: { $reason }
import-csv-bad-quote = { $reason }: check that every quote (") is closed
import-line-not-utf8 = line { $line } is not UTF-8 text like the lines before it (it may be GBK, pasted from another file): the file mixes two encodings
import-line-utf8 = line { $line } is UTF-8 text, unlike the rest of the file (likely GBK): the file mixes two encodings
import-mixed-encoding = { $file }: { $problem }. Open it in Excel or WPS, type that line again if it shows garbled characters, save it as "CSV UTF-8" or as .xlsx, and import that

## Printing boards into a PDF (print-).

print-progress-boards = boards
print-no-browser = no browser to make the PDF with (Chrome, Chromium or Edge) was found. Install one: Windows 10 and 11 come with Microsoft Edge; on Linux run sudo apt-get install chromium, or install Chrome's or Edge's package; on macOS install Google Chrome. If one is installed elsewhere, name it with --browser PATH or the CHROME environment variable.
print-browser-missing = the browser { $browser } named by { $by } does not exist; correct the path, or leave it out to let noticeboard look for Chrome, Chromium or Edge itself.
print-browser-missing-env = the browser { $browser } named by { $by } does not exist; correct the path, or leave it out to let noticeboard look for Chrome, Chromium or Edge itself.
print-browser-failed = could not start the browser { $browser } ({ $reason }); check that it opens normally, or name another one with --browser PATH.
print-failed = the browser could not print { $page } ({ $reason }); no PDF was written. Try again.
print-nothing-asked = name the units or areas to print, or use --all (every board) or --reprint (the boards to print again), e.g. noticeboard print donghu -o donghu.pdf
print-unknown = no unit or area is called { $name }; write a URL path (e.g. donghu/liuzhuang), a path under content/ or a name
print-unknown-near = no unit or area is called { $name }; did you mean { $best }?
print-ambiguous = more than one unit or area is called { $name }; write its path instead: { $candidates }
print-nothing-to-reprint = no board needs printing again (nothing changed since the last build); no PDF was written.
print-areas-empty = the areas named have no units; no PDF was written.
print-spilled = these boards do not fit on one sheet: { $boards }. Shorten titles, organisations or tasks, or choose a larger paper in config.toml's [board], then print again.
print-printed = printed { $boards } board(s) ({ $size } { $orientation ->
        [landscape] landscape
       *[portrait] portrait
    }, one sheet each) to { $path } in { $seconds }s. Take this PDF to the print shop; print at 100% (actual size).
print-no-profile = cannot make a temporary profile folder: { $reason }
print-not-absolute = not an absolute path
print-batch-unreadable = cannot read { $path }: { $reason }; build the site again
print-no-sheet = { $path } has no <main>…</main> around its sheet: the theme's board page must keep it, since `print` takes the sheet from there
print-pdf-unreadable = the browser's PDF could not be read: { $reason }
print-pdf-no-pages = the browser's PDF has no pages
print-unwritable = cannot write { $path }: { $reason }

## Previewing the site while editing (serve-).

serve-cannot-listen = cannot listen on 127.0.0.1:{ $port }: { $reason } (is another server using it? try --port with another number)
serve-cannot-watch = cannot watch { $path } for changes: { $reason }
serve-serving = serving { $site } at { $url } (press Ctrl+C to stop)
serve-stopped = stopped
serve-built = built { $units } units, { $pages } pages in { $ms } ms
serve-last-good-build = the browser keeps showing the last good build until this is fixed
serve-build-crashed = the build stopped unexpectedly: { $reason }
serve-overlay-title = noticeboard: the build failed (the page shows the last good build)
serve-waiting-title = noticeboard serve: waiting for a good build
serve-waiting-heading = The site has not built yet
serve-waiting-text = Fix the errors shown below (and in the terminal); this page reloads by itself when the build succeeds.

## The theme, templates and QR codes (build-).

build-progress-pages = pages
build-template = template { $origin }: { $reason }
build-template-not-utf8 = the template is not UTF-8 text; save it as UTF-8
build-strings = strings table { $origin }: { $reason }
build-strings-not-utf8 = not UTF-8
build-strings-not-a-table = [{ $table }] is not a table
build-strings-not-text = `{ $key }` in [{ $table }] must be text in quotes
build-qr = cannot make the QR code for { $url }: { $reason }
build-qr-too-long = text is { $bytes } bytes long, too long for a QR code (the limit is about 2330 bytes of UTF-8)
build-qr-module-size = QR module size must be 1 to { $max } pixels, got { $size }
build-theme-missing = themes/{ $theme }/ does not exist in the site folder
build-theme-unreadable = cannot read { $path }: { $reason }
photos-progress = photos
build-unwritable = cannot write { $path }: { $reason }
build-builtin-theme-file = themes/default/{ $path } (built in)

## The command line: summaries and --help (cli-).

cli-no-current-folder = cannot read the current folder
cli-init-done = wrote { $files } files into { $dir }; build it with: noticeboard build --root { $dir }
cli-built-summary = { $units }: { $pages } pages, { $boards } boards, photos { $processed } processed / { $reused } reused in { $seconds }s → { $output }
cli-built-partial = only the pages that show what changed since the last build were made again; every other file is as that build wrote it (to make every page again: noticeboard build --full)
cli-output-unchanged = the previous output (if any) was left unchanged
cli-skipped-row = skipped: { $row }
cli-export-site-errors = the site has errors; fix them and export again (nothing was written)
cli-exported = wrote { $rows } { $what ->
        [memberships] memberships
       *[rows] rows
    } ({ $units } units, { $people } people) to { $path }
cli-heading-usage = Usage:{" "}
cli-heading-commands = Commands
cli-heading-arguments = Arguments
cli-heading-options = Options
cli-arg-help = Print help
cli-arg-version = Print version
cli-about-help = Print this message or the help of the given subcommand(s)
cli-arg-help-subcommand = The command to explain
cli-about-noticeboard = Publish contact-point notice boards (公示牌) as a static site and printable sheets
cli-arg-root = The site folder (the one holding config.toml); defaults to the current folder
cli-about-build = Build the site into public/ (or --output DIR). A failed build changes nothing there
cli-arg-build-output = The folder to build into; defaults to public/
cli-arg-build-base_url = Use this address instead of config.toml's base_url
cli-arg-build-draft = A draft at config.toml's base_url even when it is a placeholder such as example.org; boards are marked 样稿 (draft) and published.json is not updated
cli-arg-build-full = Render every page, not only those that show what changed since the last build
cli-about-check = Check everything a build reads and audit coverage; writes nothing
cli-check-exit-status = Exit status: 0 when there are no errors (gaps are reported but pass), 1 on any error, and with --strict on any gap too; 2 when the command itself could not run.
cli-arg-check-output = The output folder whose previous build stands in for a missing published.json; defaults to public/
cli-arg-check-strict = Also fail (exit 1) on gaps: units without a team, enough members or a lead, overloaded people, numbers not confirmed for too long or given for two people
cli-arg-check-format = How to write the report: text for people, json for programs
cli-arg-check-draft = Check a draft: a placeholder base_url such as example.org is not an error
cli-about-init = Write a small working example site into DIR
cli-arg-init-dir = The folder to write the example site into; it must not hold a site yet
cli-about-serve = Build, serve on 127.0.0.1 and rebuild + reload the browser on every change
cli-arg-serve-port = The port to serve on
cli-arg-serve-open = Open the site in the default browser
cli-about-import = Turn an .xlsx or .csv roster into the content tree; safe to run again
cli-arg-import-roster = The roster: .xlsx (or .xls, .ods) or .csv (UTF-8 or GBK)
cli-arg-import-into = The site folder to write into; defaults to --root (or the current folder)
cli-arg-import-dry_run = Show what would change; write nothing
cli-arg-import-prune = Remove units that are no longer in the roster
cli-arg-import-skip_bad = Import the good rows even when some rows are bad
cli-about-print = Build, then print boards into one PDF for the print shop, one sheet per board, with an installed Chrome, Chromium or Edge
cli-arg-print-ids = Units or areas to print (an area prints all its units): a URL path (donghu/liuzhuang), a path under content/ (东湖镇/刘庄村) or a name (刘庄村)
cli-arg-print-all = Print every board of the site
cli-arg-print-reprint = Print the boards on the reprint list (changed or new since the last build)
cli-arg-print-output = The PDF to write
cli-arg-print-browser = The browser program to print with; default: $CHROME, else Chrome, Chromium or Edge found on PATH or where they are usually installed
cli-arg-print-draft = Print drafts, marked 样稿, even when base_url is a placeholder such as example.org
cli-about-export = Write the site's roster back out (xlsx, csv), as Popolo JSON, or the audit as a workbook
cli-arg-export-format = What to write: the roster as xlsx or csv, popolo (Popolo JSON, for open data), or audit-xlsx (the audit as a workbook: coverage gaps, units not visited in time, people with too few home visits, overdue and undated ledger entries)
cli-arg-export-output = The file to write
cli-default = {" "}[default: { $value }]
cli-possible-values = {" "}[possible values: { $values }]

## Hostile input (issue 20).

serve-foreign-host = This preview answers only on 127.0.0.1 or localhost: another site's address must not read it.
build-output-in-sources = the output folder { $output } is inside the site's { $folder } folder, where the next build would read it back as part of the site; choose an --output outside it (the default is public/ in the site folder)
content-link-outside = this is a link to a file or folder outside the site folder; it is not read or published
content-link-outside-help = copy the file into the site folder instead of linking to it
content-file-copy = this looks like a copy of another file made by the file manager (副本 / Copy); it is not read, so that the unit or person is not published twice
content-file-copy-help = delete the copy, or rename it if it is a record of its own
build-output-holds-site = the output folder { $output } is the site folder or holds it: a build replaces its output whole; choose an --output of its own (the default is public/ in the site folder)
content-id-disguised = as a reader sees the published page, this holds { $kind ->
    [resident] a resident ID number
    [old] an old 15-digit resident ID number
   *[card] a bank card number
  } ({ $number }), written so that it is hard to spot (split by marks, escapes or invisible characters); it must not be published
content-id-disguised-help = remove the number from the record: only work contact details are published
static-uncheckable = a .{ $ext } file in static/ is published as it is, and it cannot be checked for resident ID numbers (a roster saved in the wrong folder would be public)
static-uncheckable-help = move the file out of static/; publish documents elsewhere, or as a page in content/
static-image-gps = this image records where it was taken (GPS in its EXIF data); static/ files are published as they are
static-image-gps-help = save the image again without its location (most photo editors can remove it), or put people's photos in content/people/, where metadata is removed
static-id-number = this file holds a resident ID number ({ $number }); static/ files are published as they are
static-id-number-help = remove the number, or the file, from static/
import-hidden-sheet = the sheet { $sheet } is hidden in the workbook and was not read
import-hidden-sheet-help = if its rows belong in the site, unhide the sheet in Excel (right-click a sheet tab, Unhide) and run again
check-boards = Boards
check-boards-no-hotline = { $units } unit(s) without a supervision hotline (add hotline to config.toml, or to the unit or its area)
check-boards-no-issuer = no issuer (落款) in config.toml
check-boards-no-photo = { $people } of { $serving } people without a photo (a photo named like the person's file, beside it in content/people/)
import-photo-outside = the photo { $photo } is neither beside the roster nor inside the site folder, so it is not copied

//! The synthetic sites the benchmark builds: a county or city of villages in townships of 50,
//! or a province of nested areas, with Chinese names, optionally with the campaign's fields and
//! rules and a year of work logs.

use std::fmt::Write as _;
use std::path::Path;

pub(crate) const UNITS_PER_AREA: usize = 50;
pub(crate) const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
];
const PLACES: &[&str] = &[
    "东", "西", "南", "北", "前", "后", "大", "小", "新", "老", "上", "下", "石", "柳", "杨", "李",
];
pub(crate) const ROLES: &[&str] = &["第一书记", "包村干部", "联村民警", "民生代办员", "网格员"];

/// Shandong's size: its villages and communities, and the cadres linked to them.
pub(crate) const PROVINCE_UNITS: usize = 64_078;
pub(crate) const PROVINCE_PEOPLE: usize = 163_680;

/// How units, people and areas are laid out: every unit has two or three people (the first
/// units three), each person is on one team, and units sit in townships of 50; a province's
/// townships sit in counties of 10 and those in cities of 9.
pub(crate) struct Layout {
    pub units: usize,
    pub people: usize,
    pub nested: bool,
}

impl Layout {
    /// A county or city: three people on every unit, townships at the top.
    pub(crate) fn flat(units: usize) -> Self {
        Layout {
            units,
            people: units * 3,
            nested: false,
        }
    }

    pub(crate) fn province() -> Self {
        Layout {
            units: PROVINCE_UNITS,
            people: PROVINCE_PEOPLE,
            nested: true,
        }
    }

    /// The people on `unit`'s team, lead first.
    pub(crate) fn team(&self, unit: usize) -> std::ops::Range<usize> {
        let three = self.people.saturating_sub(2 * self.units);
        let start = |u: usize| 2 * u + u.min(three);
        start(unit)..start(unit + 1)
    }

    /// The URL path of `unit`'s township.
    pub(crate) fn area_path(&self, unit: usize) -> String {
        let town = unit / UNITS_PER_AREA;
        if self.nested {
            let county = town / 10;
            format!("city-{:02}/county-{county:03}/area-{town:04}", county / 9)
        } else {
            format!("area-{town:04}")
        }
    }

    /// Every area's URL path and name, parents first.
    pub(crate) fn areas(&self) -> Vec<(String, String)> {
        let towns = self.units.div_ceil(UNITS_PER_AREA);
        let mut areas = Vec::new();
        if self.nested {
            let counties = towns.div_ceil(10);
            for city in 0..counties.div_ceil(9) {
                areas.push((format!("city-{city:02}"), format!("第{city}市")));
            }
            for county in 0..counties {
                areas.push((
                    format!("city-{:02}/county-{county:03}", county / 9),
                    format!("第{county}县"),
                ));
            }
        }
        for town in 0..towns {
            let path = self.area_path(town * UNITS_PER_AREA);
            areas.push((path, format!("第{town}镇")));
        }
        areas
    }
}

pub(crate) fn person_name(i: usize) -> String {
    format!(
        "{}{}{}",
        SURNAMES[i % 16],
        GIVEN[(i / 16) % 16],
        GIVEN[(i / 256) % 16]
    )
}

pub(crate) fn unit_name(i: usize) -> String {
    format!(
        "{}{}{}村",
        PLACES[i % 16],
        PLACES[(i / 16) % 16],
        PLACES[(i / 256) % 16]
    )
}

pub(crate) fn phone(i: usize) -> String {
    format!("139{:08}", 10_000_000 + i)
}

pub(crate) fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// How much of the campaign fields a synthetic site uses.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Campaign {
    /// Villages, people and teams only.
    None,
    /// Ranks, household counts, organization records, units linked as a whole, enterprises
    /// and schools among the units: every page the campaign adds, but no campaign rule.
    Fields,
    /// The same site with every campaign rule on.
    Rules,
}

const CAMPAIGN_RULES: &str = "[rules]\nhousehold_coverage = 0.8\nevery_org_serves = true\n\n[[rules.require]]\nname = \"县级或科级干部联系\"\nkinds = [\"village\", \"community\"]\nrank = [\"县级\", \"科级\"]\n\n[[rules.require]]\nname = \"民警联村\"\nkinds = [\"village\"]\nrole = [\"联村民警\"]\n\n[[rules.package]]\nname = \"县级领导包联\"\nrank = [\"县级\"]\nkinds = { village = 1, enterprise = 1, school = 1 }\n";

/// A site of `units` villages in areas of 50, three people each, every one on one team; with
/// `campaign`, one unit in ten an enterprise or a school, people with ranks (one in 50 county
/// level), household counts on every member, 40 organization records (two with nobody
/// serving) and one unit in five linked to an organization as a whole.
pub(crate) fn generate_site(root: &Path, layout: &Layout, campaign: Campaign) {
    let units = layout.units;
    let rules = if campaign == Campaign::Rules {
        CAMPAIGN_RULES
    } else {
        ""
    };
    write(
        &root.join("config.toml"),
        &format!(
            "title = \"基准测试市\"\nbase_url = \"https://gongshi.shifan.cn/city\"\nhotline = \"0534-2212345\"\nissuer = \"市委组织部\"\ndate = 2026-03-01\n[board]\ntasks = [\"宣传政策\", \"反映心声\", \"解决困难\"]\n{rules}"
        ),
    );
    let with_fields = campaign != Campaign::None;
    for p in 0..layout.people {
        let rank = match p {
            _ if !with_fields => "",
            p if p % 50 == 0 => "rank = \"县级\"\n",
            p if p % 3 == 0 => "rank = \"科级\"\n",
            _ => "rank = \"一般干部\"\n",
        };
        write(
            &root.join(format!("content/people/p{p:06}.toml")),
            &format!(
                "name = \"{}\"\ntitle = \"市直机关干部\"\norg = \"市第{}局\"\nphone = \"{}\"\nchecked = 2026-01-01\n{rank}",
                person_name(p),
                p % 40,
                phone(p)
            ),
        );
    }
    if with_fields {
        for org in 0..42 {
            write(
                &root.join(format!("content/orgs/ju{org:02}.toml")),
                &format!(
                    "name = \"市第{org}局\"\nleader = \"p{org:06}\"\nphone = \"0534-22{:05}\"\n",
                    10_000 + org
                ),
            );
        }
    }
    for u in 0..units {
        let mut text = format!(
            "name = \"{}\"\nhouseholds = {}\n",
            unit_name(u),
            100 + u % 400
        );
        if with_fields {
            let kind = match u % 20 {
                7 => "enterprise",
                13 => "school",
                _ => "village",
            };
            let _ = writeln!(text, "kind = \"{kind}\"");
            if u % 5 == 0 {
                let _ = writeln!(text, "orgs = [\"市第{}局\"]", u % 40);
            }
        }
        for (k, person) in layout.team(u).enumerate() {
            let _ = write!(
                text,
                "\n[[team]]\nperson = \"p{:06}\"\nrole = \"{}\"\nlead = {}\n",
                person,
                ROLES[k % ROLES.len()],
                k == 0
            );
            if with_fields {
                let _ = writeln!(text, "households = {}", 30 + (u + k) % 20);
            }
        }
        write(
            &root.join(format!("content/{}/u{u:06}.toml", layout.area_path(u))),
            &text,
        );
    }
    for (path, name) in layout.areas() {
        write(
            &root.join(format!("content/{path}/_index.toml")),
            &format!("name = \"{name}\"\n"),
        );
    }
}

/// Visits and ledger entries for every three units in a year (40,000 and 5,000 at 3,000 units).
pub(crate) const VISITS_PER_3_UNITS: usize = 40;
pub(crate) const LEDGER_PER_3_UNITS: usize = 5;

/// A year of work logs up to the publication date (2026-03-01) for the site of
/// [`generate_site`]: visits by each unit's team, mostly home visits, naming the unit by URL
/// path or by area and unit names; ledger entries of every status, some overdue.
pub(crate) fn generate_worklog(root: &Path, layout: &Layout) {
    let units = layout.units;
    use time::{Date, Duration, Month};
    let today = Date::from_calendar_date(2026, Month::March, 1).unwrap();
    let kinds = ["入户", "入户", "入户", "活动", "座谈", "宣讲"];
    let topics = [
        "政策宣传",
        "困难群众走访",
        "安全检查",
        "听取意见建议",
        "产业发展调研",
    ];
    // A province's units are named by URL path only: a name path would need every level.
    let unit_ref = |u: usize, n: usize| {
        if n.is_multiple_of(2) || layout.nested {
            format!("{}/u{u:06}", layout.area_path(u))
        } else {
            format!("第{}镇/{}", u / UNITS_PER_AREA, unit_name(u))
        }
    };
    let visits = units * VISITS_PER_3_UNITS / 3;
    let mut text = String::from("日期,单位,人员,形式,户数,内容\n");
    for n in 0..visits {
        let u = n % units;
        let date = today - Duration::days(((n * 7919) % 365) as i64);
        let team = layout.team(u);
        let (a, b) = (
            team.start + n % team.len(),
            team.start + (n + 1) % team.len(),
        );
        let kind = kinds[n % kinds.len()];
        let households = if kind == "入户" {
            format!("{}", 3 + n % 9)
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "{date},{},p{a:06}、p{b:06},{kind},{households},{}",
            unit_ref(u, n),
            topics[n % topics.len()]
        );
    }
    write(&root.join("content/visits/走访记录.csv"), &text);
    let categories = [
        "基础设施",
        "就业",
        "社保",
        "教育",
        "医疗",
        "住房",
        "环境",
        "其他",
    ];
    let mut text = String::from("编号,单位,登记日期,类别,问题,责任人,办理期限,状态,办结日期\n");
    for n in 0..units * LEDGER_PER_3_UNITS / 3 {
        let u = (n * 3) % units;
        let raised = today - Duration::days(((n * 4099) % 360) as i64 + 1);
        let due = raised + Duration::days(30);
        let (status, closed) = match n % 10 {
            0..=5 => (
                "已办结",
                (raised + Duration::days(10)).min(today).to_string(),
            ),
            6 => (
                "已反馈",
                (raised + Duration::days(20)).min(today).to_string(),
            ),
            7 | 8 => ("办理中", String::new()),
            _ => ("待办", String::new()),
        };
        let _ = writeln!(
            text,
            "L{n:06},{},{raised},{},问题摘要{n},p{:06},{due},{status},{closed}",
            unit_ref(u, n),
            categories[n % categories.len()],
            layout.team(u).start
        );
    }
    write(&root.join("content/ledger/问题台账.csv"), &text);
}

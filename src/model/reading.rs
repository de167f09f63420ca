//! How names are read aloud: pinyin syllables with every reading a character has, and
//! surnames read as surnames.
//!
//! The pinyin crate gives one reading per character and has no surname table, so 曾国藩 came
//! out `ceng…` and 重阳村 only `zhongyang`. Residents search the way they say a name, and
//! clerks expect ids spelt the way the person is called, so:
//! - a person's name starts with its surname's own reading (曾 zeng, 单 shan, 万俟 moqi),
//!   from a short table of domain data (`SURNAMES`);
//! - search keys list every reading of the common 多音字 (重 → zhong|chong), so any reading
//!   people use finds the place; other characters keep their one reading, since the pinyin
//!   data also lists readings nobody uses (庄 peng), which would only add false matches;
//! - [`often_misread`] names those characters in a name, so `import` can say where a `slug`
//!   is worth writing.
//!
//! URL segments of places keep coming from [`super::slug::slugify`] unchanged: printed codes
//! carry them.

use pinyin::ToPinyinMulti;

/// Surnames whose reading differs from their characters' default reading, longest first so
/// that a compound surname wins over its first character (万俟 before 万).
const SURNAMES: &[(&str, &[&str])] = &[
    ("万俟", &["mo", "qi"]),
    ("尉迟", &["yu", "chi"]),
    ("长孙", &["zhang", "sun"]),
    ("澹台", &["tan", "tai"]),
    ("单于", &["chan", "yu"]),
    ("曾", &["zeng"]),
    ("单", &["shan"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("朴", &["piao"]),
    ("区", &["ou"]),
    ("查", &["zha"]),
    ("盖", &["ge"]),
    ("乐", &["yue"]),
    ("缪", &["miao"]),
    ("翟", &["zhai"]),
    ("覃", &["qin"]),
    ("召", &["shao"]),
    ("折", &["she"]),
    ("繁", &["po"]),
    ("员", &["yun"]),
    ("宿", &["su"]),
    ("种", &["chong"]),
    ("秘", &["bi"]),
    ("隗", &["wei"]),
    ("句", &["gou"]),
    ("能", &["nai"]),
    ("任", &["ren"]),
    ("燕", &["yan"]),
    ("那", &["na"]),
    ("过", &["guo"]),
    ("纪", &["ji"]),
    ("费", &["fei"]),
    ("华", &["hua"]),
    ("洗", &["xian"]),
    ("冼", &["xian"]),
    ("重", &["chong"]),
    ("藏", &["zang"]),
    ("柏", &["bai"]),
    ("贲", &["ben"]),
    ("逄", &["pang"]),
    ("阚", &["kan"]),
    ("眭", &["sui"]),
    ("郇", &["huan"]),
    ("黑", &["he"]),
    ("哈", &["ha"]),
    ("长", &["chang"]),
    ("都", &["du"]),
    ("大", &["da"]),
    ("石", &["shi"]),
    ("薄", &["bo"]),
    ("沈", &["shen"]),
    ("蕃", &["pi"]),
    ("禚", &["zhuo"]),
    ("谌", &["chen"]),
    ("酇", &["zan"]),
];

/// Common characters with more than one reading in use (多音字), whose default reading is
/// often not the one a place or person is called by: 长治 (chang), 重庆 (chong), 六安 (lu),
/// 十里堡 (pu), 乐亭 (lao), 蔚县 (yu), 番禺 (pan), 洪洞 (tong). Not every character the pinyin
/// data lists several readings for: most of those (家 jia/gu, 庄 peng) are never read so.
const POLYPHONES: &str = "长重行乐朝都会单曾解仇朴区查盖堡六蚌番厦涌浒尉蔚荥莘圩车铅藏\
    称传调度发给更还和横降将角觉看空落率埋脉没那难宁强亲曲塞省宿提为系鲜相校血叶应员约\
    择扎着种转作柏薄沈台洞冲济泊广漯郫鄌";

/// Every reading of `ch` as plain pinyin (ü written v, as typed), the default first; empty
/// for a character that is not Chinese.
pub(crate) fn readings(ch: char) -> Vec<&'static str> {
    let Some(multi) = ch.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut out: Vec<&'static str> = Vec::with_capacity(multi.count());
    for reading in multi {
        let plain = typed(reading.plain());
        if !out.contains(&plain) {
            out.push(plain);
        }
    }
    out
}

/// The readings search offers for `ch`: all of them for a common 多音字, else its one.
fn readings_in_use(ch: char) -> Vec<&'static str> {
    let mut all = readings(ch);
    if !POLYPHONES.contains(ch) {
        all.truncate(1);
    }
    all
}

/// ü as typed on a Chinese keyboard: `lü` → `lv`. The pinyin data holds few syllables with
/// ü, so they are listed rather than allocated.
fn typed(plain: &'static str) -> &'static str {
    match plain {
        "lü" => "lv",
        "nü" => "nv",
        "lüe" => "lve",
        "nüe" => "nve",
        other => other,
    }
}

/// The reading of a leading surname: how many characters it takes and their syllables.
fn surname(name: &str) -> Option<(usize, &'static [&'static str])> {
    SURNAMES
        .iter()
        .find(|(surname, _)| name.starts_with(surname))
        .map(|(surname, syllables)| (surname.chars().count(), *syllables))
}

/// One syllable's readings: its characters' readings, or a run of ASCII letters and digits.
pub(crate) type Syllable = Vec<String>;

/// The syllables of a name, each with every reading; an ASCII run stays one syllable
/// (`A区` → `a`, `qu`) and other characters separate syllables. With `person`, a leading
/// surname is read as a surname first (曾国藩 → zeng|ceng, guo, fan).
pub(crate) fn syllables(name: &str, person: bool) -> Vec<Syllable> {
    let mut out: Vec<Syllable> = Vec::new();
    let mut chars = name.chars();
    if person && let Some((count, surname)) = surname(name) {
        for (ch, reading) in chars.by_ref().take(count).zip(surname.iter()) {
            let mut all = vec![reading.to_string()];
            all.extend(
                readings_in_use(ch)
                    .into_iter()
                    .filter(|r| r != reading)
                    .map(String::from),
            );
            out.push(all);
        }
    }
    let mut ascii_run = String::new();
    for ch in chars {
        if ch.is_ascii_alphanumeric() {
            ascii_run.push(ch.to_ascii_lowercase());
            continue;
        }
        if !ascii_run.is_empty() {
            out.push(vec![std::mem::take(&mut ascii_run)]);
        }
        let all = readings_in_use(ch);
        if !all.is_empty() {
            out.push(all.into_iter().map(String::from).collect());
        }
    }
    if !ascii_run.is_empty() {
        out.push(vec![ascii_run]);
    }
    out
}

/// A person's URL segment from their name, surname read as a surname: 曾国藩 → `zengguofan`.
pub(crate) fn person_slug(name: &str) -> String {
    let Some((count, surname)) = surname(name) else {
        return super::slug::slugify(name);
    };
    let rest: String = name.chars().skip(count).collect();
    surname.concat() + &super::slug::slugify(&rest)
}

/// The characters of `name` that are often misread (`POLYPHONES`) and have several
/// readings, with those readings; a person's surname is read by the table and not listed.
pub(crate) fn often_misread(name: &str, person: bool) -> Vec<(char, Vec<&'static str>)> {
    let skip = if person {
        surname(name).map_or(0, |(count, _)| count)
    } else {
        0
    };
    let mut out: Vec<(char, Vec<&'static str>)> = Vec::new();
    for ch in name.chars().skip(skip) {
        if !POLYPHONES.contains(ch) || out.iter().any(|(c, _)| *c == ch) {
            continue;
        }
        let all = readings(ch);
        if all.len() > 1 {
            out.push((ch, all));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(name: &str, person: bool) -> String {
        syllables(name, person)
            .iter()
            .map(|s| s.join("|"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn surnames_read_as_surnames_first_with_their_other_readings_after() {
        assert!(joined("曾国藩", true).starts_with("zeng|ceng guo fan"));
        assert!(joined("单雄信", true).starts_with("shan|"));
        assert!(joined("解缙", true).starts_with("xie|"));
        assert!(joined("仇英", true).starts_with("qiu|"));
        assert!(joined("朴树", true).starts_with("piao|"));
        assert_eq!(
            joined("万俟卨", true)
                .split(' ')
                .take(2)
                .map(|s| s.split('|').next().unwrap())
                .collect::<Vec<_>>(),
            ["mo", "qi"]
        );
    }

    #[test]
    fn a_place_keeps_its_default_reading_first_and_lists_every_other() {
        let chongyang = syllables("重阳村", false);
        assert_eq!(chongyang[0][0], "zhong");
        assert!(chongyang[0].contains(&"chong".to_string()));
        assert_eq!(chongyang[1], ["yang"]);
        let changzhi = syllables("长治村", false);
        assert!(
            changzhi[0].contains(&"chang".to_string())
                && changzhi[0].contains(&"zhang".to_string())
        );
        // Only people's names start with a surname.
        assert_eq!(syllables("曾家村", false)[0][0], "ceng");
    }

    #[test]
    fn ascii_runs_and_u_umlaut() {
        assert_eq!(joined("A区3号楼", false).split(' ').next(), Some("a"));
        assert!(
            syllables("A区3号楼", false)
                .iter()
                .any(|s| s == &["3".to_string()])
        );
        assert_eq!(syllables("吕", true)[0][0], "lv");
        assert_eq!(syllables("（东）", false).len(), 1);
    }

    #[test]
    fn person_slugs_read_the_surname() {
        assert_eq!(person_slug("曾国藩"), "zengguofan");
        assert_eq!(person_slug("单田芳"), "shantianfang");
        assert_eq!(person_slug("王兴"), "wangxing");
        assert_eq!(person_slug("万俟卨"), "moqixie");
    }

    #[test]
    fn often_misread_characters_are_named_with_their_readings() {
        let found = often_misread("重阳村", false);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, '重');
        assert!(found[0].1.contains(&"chong"));
        assert!(often_misread("刘庄村", false).is_empty());
        // The surname is read by the table; only the rest of the name is looked at.
        assert!(often_misread("曾国藩", true).is_empty());
        assert_eq!(often_misread("曾长生", true).len(), 1);
    }
}

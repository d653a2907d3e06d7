//! Every message the code can show exists in English and Japanese, with the same
//! placeholders, and every step/field label exists.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use webex_o365_setup::domain::locale::{Catalog, Lang};
use webex_o365_setup::domain::{Field, Step};

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.insert(after[..close].to_string());
        rest = &after[close + 1..];
    }
    out
}

fn load(lang: Lang) -> Catalog {
    let (catalog, problems) = Catalog::parse(lang.files());
    assert!(problems.is_empty(), "{lang:?}: {problems:?}");
    catalog
}

#[test]
fn both_languages_have_the_same_files_keys_and_placeholders() {
    let en_areas: Vec<_> = Lang::En.files().iter().map(|(a, _)| *a).collect();
    let ja_areas: Vec<_> = Lang::Ja.files().iter().map(|(a, _)| *a).collect();
    assert_eq!(en_areas, ja_areas);
    let (en, ja) = (load(Lang::En), load(Lang::Ja));
    let en_keys: BTreeSet<_> = en.keys().collect();
    let ja_keys: BTreeSet<_> = ja.keys().collect();
    assert_eq!(en_keys.difference(&ja_keys).collect::<Vec<_>>(), Vec::<&&str>::new(), "missing in ja");
    assert_eq!(ja_keys.difference(&en_keys).collect::<Vec<_>>(), Vec::<&&str>::new(), "missing in en");
    for key in en_keys {
        let (e, j) = (en.get(key).unwrap_or(""), ja.get(key).unwrap_or(""));
        assert_eq!(placeholders(e), placeholders(j), "placeholders differ for {key}");
        assert!(!e.trim().is_empty() && !j.trim().is_empty(), "empty text for {key}");
    }
}

#[test]
fn step_and_field_labels_exist() {
    let en = load(Lang::En);
    for step in Step::ALL {
        assert!(en.get(step.title_key()).is_some(), "{}", step.title_key());
        assert!(en.get(&format!("{}.intro", step.title_key())).is_some(), "{} intro", step.title_key());
    }
    for field in Field::ALL {
        assert!(en.get(&field.label_key()).is_some(), "{}", field.label_key());
    }
}

/// Every literal passed to `Message::new("…")` or the UI's `t("…")` anywhere in src/.
fn keys_used_in_source() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = fs::read_to_string(&path).unwrap_or_default();
                for marker in ["Message::new(\"", ".t(\"", "key: \"", "line=\""] {
                    for (i, _) in text.match_indices(marker) {
                        let start = i + marker.len();
                        if let Some(end) = text[start..].find('"') {
                            let key = &text[start..start + end];
                            if key.contains('.') && !key.contains(['{', ' ']) {
                                out.insert(key.to_string(), path.display().to_string());
                            }
                        }
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    out
}

#[test]
fn every_key_used_in_source_exists() {
    let en = load(Lang::En);
    let used = keys_used_in_source();
    assert!(used.len() > 50, "the scan found too few keys: {}", used.len());
    let missing: Vec<_> = used.iter().filter(|(k, _)| en.get(k).is_none() && Field::from_key(k).is_none()).collect();
    assert!(missing.is_empty(), "keys used but not in locales/: {missing:#?}");
}

#[test]
fn build_copies_index_html_for_every_step_route() {
    let hook = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/copy-routes.sh")).unwrap();
    let line = hook.lines().find(|l| l.starts_with("for slug in")).unwrap();
    let slugs: Vec<&str> = line.trim_start_matches("for slug in").trim_end_matches("; do").split_whitespace().collect();
    let expected: Vec<&str> = Step::ALL.iter().map(|s| s.slug()).collect();
    assert_eq!(slugs, expected);
}

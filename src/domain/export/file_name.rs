//! The download name of the export file.

/// Longest tenant part of the name: a DNS label's limit, which a real Webex Connect tenant
/// already respects; a hostile value cannot make the name too long for a file system.
const TENANT_MAX: usize = 63;

/// `webex-o365-setup-<tenant>.json`, or `webex-o365-setup-<YYYY-MM-DD>.json` (the export's
/// date) while the tenant is not known. Only lowercase ASCII letters, digits and inner `-`
/// are kept, so the name is valid on Windows, macOS and Linux and cannot name a path or a
/// hidden file. `exported_at` is RFC 3339; anything else gives `webex-o365-setup-export.json`.
pub fn export_file_name(tenant: &str, exported_at: &str) -> String {
    let safe: String = tenant
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .take(TENANT_MAX)
        .collect();
    let safe = safe.trim_matches('-');
    let tag = if safe.is_empty() { date_part(exported_at).unwrap_or("export") } else { safe };
    format!("webex-o365-setup-{tag}.json")
}

/// The `YYYY-MM-DD` at the start of an RFC 3339 time.
fn date_part(rfc3339: &str) -> Option<&str> {
    let date = rfc3339.get(..10)?;
    let shape = date.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    shape.then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-11-28T10:00:00Z";

    #[test]
    fn names_the_tenant() {
        assert_eq!(export_file_name("contoso", AT), "webex-o365-setup-contoso.json");
        assert_eq!(export_file_name("Contoso-EU", AT), "webex-o365-setup-contoso-eu.json");
    }

    #[test]
    fn without_a_tenant_names_the_date() {
        assert_eq!(export_file_name("", AT), "webex-o365-setup-2026-11-28.json");
        assert_eq!(export_file_name("  ", "2026-11-28T18:30:00.123+09:00"), "webex-o365-setup-2026-11-28.json");
        // Not a time this app wrote: no date to trust, a fixed word instead.
        assert_eq!(export_file_name("", ""), "webex-o365-setup-export.json");
        assert_eq!(export_file_name("", "../../x/y/zzzz"), "webex-o365-setup-export.json");
        assert_eq!(export_file_name("", "２０２６-11-28T10:00:00Z"), "webex-o365-setup-export.json");
    }

    #[test]
    fn hostile_tenants_give_safe_names() {
        let cases = [
            ("../../etc/passwd", "webex-o365-setup-etcpasswd.json"),
            ("..\\..\\Windows\\x", "webex-o365-setup-windowsx.json"),
            ("a<b>c:d\"e/f\\g|h?i*j", "webex-o365-setup-abcdefghij.json"),
            ("acme\n.json\u{0}", "webex-o365-setup-acmejson.json"),
            ("-acme-", "webex-o365-setup-acme.json"),
            ("---", "webex-o365-setup-2026-11-28.json"),
            ("...", "webex-o365-setup-2026-11-28.json"),
            // Look-alikes and non-ASCII are dropped, not transliterated.
            ("\u{0430}cme", "webex-o365-setup-cme.json"),
            ("ａｃｍｅ", "webex-o365-setup-2026-11-28.json"),
            ("テナント", "webex-o365-setup-2026-11-28.json"),
        ];
        for (tenant, expected) in cases {
            assert_eq!(export_file_name(tenant, AT), expected, "{tenant:?}");
        }
        let long = export_file_name(&"a".repeat(500), AT);
        assert_eq!(long.len(), "webex-o365-setup-.json".len() + TENANT_MAX);
    }

    proptest::proptest! {
        #[test]
        fn any_tenant_and_time_give_a_safe_name(tenant in proptest::prelude::any::<String>(), at in proptest::prelude::any::<String>()) {
            let name = export_file_name(&tenant, &at);
            proptest::prop_assert!(name.starts_with("webex-o365-setup-") && name.ends_with(".json"));
            let tag = &name["webex-o365-setup-".len()..name.len() - ".json".len()];
            proptest::prop_assert!(!tag.is_empty() && !tag.starts_with('-') && !tag.ends_with('-'));
            proptest::prop_assert!(tag.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
        }
    }
}

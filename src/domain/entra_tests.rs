//! Unit tests of `entra.rs`.

use super::*;
use crate::domain::finding::{for_field, has_errors, Severity};
use crate::domain::model::Cloud;
use Severity::{Error, Info, Warning};

const TENANT: &str = "72f988bf-86f1-41af-91ab-2d7cd011db47";
const CLIENT: &str = "0f8e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b";
const SECRET: &str = "abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789_"; // 40 characters

fn today() -> Date {
    Date::parse("2026-11-28").unwrap()
}

fn good() -> AzureInput {
    AzureInput {
        cloud: Cloud::Global,
        tenant_id: TENANT.into(),
        app_display_name: "Webex Connect Email".into(),
        client_id: CLIENT.into(),
        client_secret_expires: "2027-05-28".into(),
        permission_profile: PermissionProfile::LeastPrivilege,
    }
}

fn secret(value: &str) -> Secrets {
    Secrets { client_secret: value.into() }
}

/// The findings for `field` as (severity, key), validating `azure` with a good secret.
fn on(azure: &AzureInput, field: Field) -> Vec<(Severity, &'static str)> {
    on_with(azure, SECRET, field)
}

fn on_with(azure: &AzureInput, value: &str, field: Field) -> Vec<(Severity, &'static str)> {
    let findings = validate_entra(azure, &secret(value), today());
    let found = for_field(&findings, field);
    found.iter().map(|f| (f.severity, f.message.key)).collect()
}

fn refusal(input: &str) -> ClientSecretProblem {
    ClientSecretValue::parse(input).unwrap_err()
}

#[test]
fn secret_value_accepts_entra_shape_without_warning() {
    assert_eq!(SECRET.len(), 40);
    let v = ClientSecretValue::parse(&format!("  {SECRET}\n")).unwrap();
    assert_eq!(v.expose(), SECRET);
    assert_eq!(v.shape_warning(), None);
    assert!(!format!("{v:?}").contains("abc8Q"));
}

#[test]
fn secret_value_warns_on_unusual_shape() {
    let m = ClientSecretValue::parse("abc~def").unwrap().shape_warning().unwrap();
    assert_eq!(m.key, "entra.client_secret.unusual_shape");
    assert_eq!((m.param("length"), m.param("typical")), (Some("7"), Some("40")));
    let no_tilde = ClientSecretValue::parse(&SECRET.replace('~', "x")).unwrap();
    assert!(no_tilde.shape_warning().is_some());
}

#[test]
fn secret_value_refusals() {
    use ClientSecretProblem::*;
    let non_ascii = |found, position| NonAscii { found, position };
    assert_eq!(refusal(""), Empty);
    assert_eq!(refusal(" \n\t"), Empty);
    assert_eq!(refusal(CLIENT), IsSecretId);
    assert_eq!(refusal(&format!(" {} ", CLIENT.to_uppercase())), IsSecretId);
    assert_eq!(refusal("abc8Q~de fg"), InnerWhitespace { position: 9 });
    assert_eq!(refusal("abc8Q~de\nfg"), InnerWhitespace { position: 9 });
    // Wave dash and fullwidth tilde from a Japanese IME instead of `~`.
    assert_eq!(refusal("abc8Q〜defg"), non_ascii('〜', 6));
    assert_eq!(refusal("abc8Q～defg"), non_ascii('～', 6));
    assert_eq!(refusal("abc\u{200B}defg"), non_ascii('\u{200B}', 4));
    assert_eq!(refusal("abc\u{7}defg"), non_ascii('\u{7}', 4));
    assert_eq!(IsSecretId.message().key, "entra.client_secret.is_secret_id");
    assert_eq!(InnerWhitespace { position: 2 }.message().param("position"), Some("2"));
}

#[test]
fn a_complete_least_privilege_setup_has_only_the_profile_info() {
    let findings = validate_entra(&good(), &secret(SECRET), today());
    let all: Vec<_> = findings.iter().map(|f| (f.field, f.severity, f.message.key)).collect();
    let expected = (Field::AzurePermissionProfile, Info, "profile.least_privilege.unverified");
    assert_eq!(all, vec![expected]);
}

#[test]
fn empty_inputs_are_required_errors_but_the_secret_is_a_warning() {
    let empty = AzureInput::default();
    assert_eq!(on(&empty, Field::AzureTenantId), [(Error, "entra.tenant_id.required")]);
    let name = [(Error, "entra.app_display_name.required")];
    assert_eq!(on(&empty, Field::AzureAppDisplayName), name);
    assert_eq!(on(&empty, Field::AzureClientId), [(Error, "entra.client_id.required")]);
    let memory = [(Warning, "entra.client_secret.memory_only")];
    assert_eq!(on_with(&empty, "", Field::AzureClientSecret), memory);
    assert_eq!(on_with(&empty, " \n", Field::AzureClientSecret), memory);
    let expiry = [(Warning, "entra.client_secret_expires.empty")];
    assert_eq!(on(&empty, Field::AzureClientSecretExpires), expiry);
    let blank_name = AzureInput { app_display_name: " \t".into(), ..good() };
    assert_eq!(on(&blank_name, Field::AzureAppDisplayName), name);
}

#[test]
fn tenant_id_branches() {
    let domain = AzureInput { tenant_id: "Contoso.onmicrosoft.com".into(), ..good() };
    let findings = validate_entra(&domain, &secret(SECRET), today());
    let tenant = for_field(&findings, Field::AzureTenantId);
    assert_eq!(tenant.len(), 1);
    assert_eq!((tenant[0].severity, tenant[0].message.key), (Warning, "entra.tenant_id.domain"));
    assert_eq!(tenant[0].message.param("domain"), Some("contoso.onmicrosoft.com"));

    let t = |id: &str| on(&AzureInput { tenant_id: id.into(), ..good() }, Field::AzureTenantId);
    assert_eq!(t("72f988bf-86f1-41af-91ab-2d7cd011dЬ47"), [(Error, "entra.guid.not_hex")]);
    assert_eq!(t("common"), [(Error, "entra.tenant_id.multi_tenant_alias")]);
    assert_eq!(t(&format!(" {TENANT}\n")), []);
}

#[test]
fn client_id_branches() {
    let same = AzureInput { client_id: TENANT.to_uppercase(), ..good() };
    assert_eq!(on(&same, Field::AzureClientId), [(Error, "entra.client_id.equals_tenant_id")]);
    // With a domain tenant there is no GUID to compare against.
    let domain = AzureInput { tenant_id: "contoso.onmicrosoft.com".into(), ..same.clone() };
    assert_eq!(on(&domain, Field::AzureClientId), []);
    // With an invalid tenant, the client ID is still checked on its own.
    let both_bad = AzureInput { tenant_id: "nonsense".into(), client_id: CLIENT.replace('-', ""), ..good() };
    assert_eq!(on(&both_bad, Field::AzureClientId), [(Error, "entra.guid.missing_dashes")]);
}

#[test]
fn secret_branches_in_validation() {
    let s = |value: &str| on_with(&good(), value, Field::AzureClientSecret);
    assert_eq!(s(CLIENT), [(Error, "entra.client_secret.is_secret_id")]);
    assert_eq!(s("short~one"), [(Warning, "entra.client_secret.unusual_shape")]);
    assert_eq!(s("two words"), [(Error, "entra.client_secret.inner_whitespace")]);
    assert_eq!(s("abc8Q〜defg"), [(Error, "entra.client_secret.non_ascii")]);
    assert_eq!(s(SECRET), []);
}

fn expiry(raw: &str) -> Vec<Finding> {
    let azure = AzureInput { client_secret_expires: raw.into(), ..good() };
    let findings = validate_entra(&azure, &secret(SECRET), today());
    findings.into_iter().filter(|f| f.field == Field::AzureClientSecretExpires).collect()
}

fn expiry_key(raw: &str) -> (Severity, &'static str) {
    let e = expiry(raw);
    assert_eq!(e.len(), 1, "{raw}");
    (e[0].severity, e[0].message.key)
}

#[test]
fn expiry_branches() {
    assert_eq!(expiry_key("2026-11-27"), (Error, "entra.client_secret_expires.expired"));
    assert_eq!(expiry("2026-11-27")[0].message.param("date"), Some("2026-11-27"));
    assert_eq!(expiry_key("2000-01-01"), (Error, "entra.client_secret_expires.expired"));
    assert_eq!(expiry_key("2026/11/28"), (Warning, "entra.client_secret_expires.today"));
    assert_eq!(expiry_key("2026/12/1"), (Warning, "entra.client_secret_expires.soon"));
    let soon = &expiry("2026/12/1")[0].message;
    assert_eq!((soon.param("days"), soon.param("date")), (Some("3"), Some("2026-12-01")));
    assert_eq!(expiry("2026-12-27")[0].message.param("days"), Some("29"));
    assert!(expiry("2026-12-28").is_empty(), "30 days left is fine");
    assert!(expiry("9999-12-31").is_empty());
    assert_eq!(expiry_key("11/28/2027"), (Error, "entra.date.year_last"));
    assert_eq!(expiry_key("2027-02-29"), (Error, "entra.date.day_out_of_range"));
    assert_eq!(expiry_key("２０２７-01-01"), (Error, "entra.date.look_alike"));
    assert_eq!(expiry_key(" "), (Warning, "entra.client_secret_expires.empty"));
}

#[test]
fn profile_and_cloud_findings() {
    let azure = AzureInput { permission_profile: PermissionProfile::AsDocumented, cloud: Cloud::China, ..good() };
    let broad = [(Warning, "profile.as_documented.broad")];
    assert_eq!(on(&azure, Field::AzurePermissionProfile), broad);
    assert_eq!(on(&azure, Field::AzureCloud), [(Warning, "cloud.sovereign_unverified")]);
    assert!(!has_errors(&validate_entra(&azure, &secret(SECRET), today())));
    for cloud in [Cloud::UsGovGccHigh, Cloud::UsGovDod] {
        let gov = AzureInput { cloud, ..good() };
        assert_eq!(on(&gov, Field::AzureCloud), [(Warning, "cloud.sovereign_unverified")]);
    }
    assert_eq!(on(&good(), Field::AzureCloud), []);
}

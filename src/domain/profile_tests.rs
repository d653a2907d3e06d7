//! Unit tests of `profile.rs`.

use super::*;
use crate::domain::guid::Guid;

const URI: &str = "https://acme.us.webexconnect.io/callback";

#[test]
fn profiles_as_data() {
    let doc = permissions(PermissionProfile::AsDocumented);
    assert_eq!(doc.len(), 1);
    assert_eq!((doc[0].value, doc[0].kind), ("Mail.Send", PermissionKind::Application));
    assert_eq!(doc[0].resource_app_id, EXCHANGE_ONLINE_APP_ID);
    let lp = permissions(PermissionProfile::LeastPrivilege);
    let shown: Vec<_> = lp.iter().map(|p| (p.resource_name, p.value)).collect();
    assert_eq!(
        shown,
        [
            ("Office 365 Exchange Online", "SMTP.Send"),
            ("Microsoft Graph", "openid"),
            ("Microsoft Graph", "offline_access")
        ]
    );
    assert!(lp.iter().all(|p| p.kind == PermissionKind::Delegated));
    // The SMTP token's resource is Exchange Online: SMTP.Send there, never on Graph.
    assert_eq!(lp[0].resource_app_id, EXCHANGE_ONLINE_APP_ID);
    assert_eq!(lp[0].id_source, IdSource::Unverified, "DOMAIN.md marks this id UNVERIFIED");
    assert!(!lp.iter().any(|p| p.value == "SMTP.Send" && p.resource_app_id == MICROSOFT_GRAPH_APP_ID));
    assert_eq!(resources(lp), [EXCHANGE_ONLINE_APP_ID, MICROSOFT_GRAPH_APP_ID]);
    let gone = retired(PermissionProfile::LeastPrivilege);
    assert_eq!(gone.len(), 1);
    assert_eq!(
        (gone[0].resource_app_id, gone[0].value, gone[0].id),
        (MICROSOFT_GRAPH_APP_ID, "SMTP.Send", "258f6531-6087-4cc4-bb90-092c5fb3ed3f")
    );
    assert!(retired(PermissionProfile::AsDocumented).is_empty());
    assert_eq!(resource_name(EXCHANGE_ONLINE_APP_ID), "Office 365 Exchange Online");
    assert!(implicit_access_tokens(PermissionProfile::AsDocumented));
    assert!(!implicit_access_tokens(PermissionProfile::LeastPrivilege));
    assert_eq!(PermissionKind::Application.graph_type(), "Role");
    assert_eq!(PermissionKind::Delegated.graph_type(), "Scope");
}

#[test]
fn ids_are_canonical_guids() {
    for profile in PermissionProfile::ALL {
        for p in permissions(profile).iter().chain(retired(profile)) {
            assert_eq!(Guid::parse(p.id).map(|g| g.to_string()).as_deref(), Ok(p.id));
            assert_eq!(Guid::parse(p.resource_app_id).map(|g| g.to_string()).as_deref(), Ok(p.resource_app_id));
        }
    }
}

fn keys(list: &[Instruction]) -> Vec<&'static str> {
    list.iter().map(|i| i.message.key).collect()
}

#[test]
fn documented_steps_follow_the_seed() {
    let list = instructions(PermissionProfile::AsDocumented, URI);
    assert_eq!(
        keys(&list),
        [
            "profile.step.new_registration",
            "profile.step.authentication.implicit_on",
            "profile.step.client_secret.as_documented",
            "profile.step.api_permissions.as_documented",
            "profile.step.grant_admin_consent",
            "profile.step.overview",
            "profile.step.user_consent.as_documented",
        ]
    );
    assert_eq!(list[0].copy_values, vec![CopyValue { label_key: "profile.copy.redirect_uri", value: URI.into() }]);
    let values: Vec<&str> = list[3].copy_values.iter().map(|c| c.value.as_str()).collect();
    assert_eq!(values, ["Office 365 Exchange Online", "Mail.Send"]);
    assert_eq!(list[3].message.param("permissions"), Some("Mail.Send"));
}

#[test]
fn least_privilege_steps() {
    let list = instructions_with_name(PermissionProfile::LeastPrivilege, &format!(" {URI} "), " Webex Email ");
    assert_eq!(
        keys(&list),
        [
            "profile.step.new_registration",
            "profile.step.authentication.implicit_off",
            "profile.step.client_secret.least_privilege",
            "profile.step.api_permissions.least_privilege.exchange",
            "profile.step.api_permissions.least_privilege.graph",
            "profile.step.grant_admin_consent",
            "profile.step.overview",
            "profile.step.user_consent.least_privilege",
        ]
    );
    assert_eq!(
        list[0].copy_values,
        vec![
            CopyValue { label_key: "profile.copy.app_name", value: "Webex Email".into() },
            CopyValue { label_key: "profile.copy.redirect_uri", value: URI.into() },
        ]
    );
    // [APIs my organization uses] > Office 365 Exchange Online > SMTP.Send, then Microsoft Graph.
    let values = |i: usize| list[i].copy_values.iter().map(|c| c.value.as_str()).collect::<Vec<_>>();
    assert_eq!(values(3), ["Office 365 Exchange Online", "SMTP.Send"]);
    assert_eq!(list[3].message.param("permissions"), Some("SMTP.Send"));
    assert_eq!(values(4), ["Microsoft Graph", "openid", "offline_access"]);
    assert_eq!(list[4].message.param("permissions"), Some("openid, offline_access"));
}

#[test]
fn nothing_to_copy_when_inputs_are_empty() {
    let list = instructions(PermissionProfile::LeastPrivilege, "  ");
    assert!(list[0].copy_values.is_empty());
    assert!(list[5].copy_values.is_empty(), "[Grant admin consent] has nothing to paste");
}

#[test]
fn label_keys() {
    assert_ne!(label_key(PermissionProfile::AsDocumented), label_key(PermissionProfile::LeastPrivilege));
    assert_ne!(PermissionKind::Delegated.label_key(), PermissionKind::Application.label_key());
}

/// Every message this area can produce, with the locale files: each key exists in both
/// languages with placeholders the message fills, and no key in the files is orphaned.
mod locales {
    use super::*;
    use crate::domain::date::{Date, DateProblem};
    use crate::domain::entra::{validate_entra, ClientSecretProblem, ClientSecretValue};
    use crate::domain::guid::{DomainProblem, GuidProblem, TenantIdProblem};
    use crate::domain::model::{AzureInput, Cloud, Secrets};

    fn samples() -> Vec<Message> {
        let mut out = Vec::new();
        let guid = [
            GuidProblem::Empty,
            GuidProblem::Braces,
            GuidProblem::InnerWhitespace { position: 1 },
            GuidProblem::Invisible { position: 1 },
            GuidProblem::LookAlike { found: 'о', expected: '0', position: 1 },
            GuidProblem::NotHex { found: 'x', position: 1 },
            GuidProblem::MissingDashes,
            GuidProblem::WrongLength { digits: 1 },
            GuidProblem::MisplacedDashes,
        ];
        out.extend(guid.iter().map(GuidProblem::message));
        let domain = [
            DomainProblem::EmptyLabel,
            DomainProblem::LabelTooLong { label: "x".into() },
            DomainProblem::TooLong,
            DomainProblem::HyphenAtEdge { label: "x".into() },
            DomainProblem::LookAlike { found: 'ｃ', expected: 'c', position: 1 },
            DomainProblem::BadChar { found: '!', position: 1 },
            DomainProblem::NumericTld,
        ];
        out.extend(domain.iter().map(DomainProblem::message));
        let tenant = [
            TenantIdProblem::MultiTenantAlias { alias: "common".into() },
            TenantIdProblem::Email { domain: "contoso.com".into() },
            TenantIdProblem::Url,
            TenantIdProblem::NotGuidOrDomain,
        ];
        out.extend(tenant.iter().map(TenantIdProblem::message));
        let date = [
            DateProblem::Empty,
            DateProblem::Format,
            DateProblem::YearLast,
            DateProblem::LookAlike { found: '１', expected: '1', position: 1 },
            DateProblem::YearOutOfRange { year: 0 },
            DateProblem::MonthOutOfRange { month: 13 },
            DateProblem::DayOutOfRange { day: 31, max: 30 },
        ];
        out.extend(date.iter().map(DateProblem::message));
        let secret = [
            ClientSecretProblem::Empty,
            ClientSecretProblem::IsSecretId,
            ClientSecretProblem::InnerWhitespace { position: 1 },
            ClientSecretProblem::NonAscii { found: 'é', position: 1 },
        ];
        out.extend(secret.iter().map(ClientSecretProblem::message));
        out.extend(ClientSecretValue::parse("x").ok().and_then(|v| v.shape_warning()));

        let today = Date::parse("2026-11-28").unwrap();
        let mut azure = AzureInput { cloud: Cloud::China, ..AzureInput::default() };
        let secrets = Secrets::default();
        let mut scenario = |azure: &AzureInput| {
            out.extend(validate_entra(azure, &secrets, today).into_iter().map(|f| f.message));
        };
        scenario(&azure);
        azure.tenant_id = "contoso.onmicrosoft.com".into();
        azure.permission_profile = PermissionProfile::AsDocumented;
        for expires in ["2020-01-01", "2026-11-28", "2026-12-01"] {
            azure.client_secret_expires = expires.into();
            scenario(&azure);
        }
        azure.tenant_id = "72f988bf-86f1-41af-91ab-2d7cd011db47".into();
        azure.client_id = azure.tenant_id.clone();
        scenario(&azure);

        for profile in PermissionProfile::ALL {
            out.extend(instructions(profile, "https://x/callback").into_iter().map(|i| i.message));
            let labels = instructions_with_name(profile, "https://x/callback", "n")
                .into_iter()
                .flat_map(|i| i.copy_values)
                .map(|c| Message::new(c.label_key));
            out.extend(labels);
            out.push(Message::new(label_key(profile)));
        }
        out.extend(Cloud::ALL.iter().map(|c| Message::new(c.label_key())));
        out.push(Message::new(PermissionKind::Delegated.label_key()));
        out.push(Message::new(PermissionKind::Application.label_key()));
        out
    }

    #[test]
    fn every_message_has_text_in_both_languages() {
        crate::domain::locale::area_check::assert_area("entra", samples(), &["entra.", "cloud.", "profile."]);
    }
}

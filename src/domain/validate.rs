//! The whole setup checked at once, and each step's state for the stepper.

use super::date::Date;
use super::entra::validate_entra;
use super::field::Field;
use super::finding::{Finding, Message, Severity};
use super::mailbox::{validate_mailbox, validate_smtp};
use super::model::{CheckId, CheckStatus, Secrets, Setup};
use super::step::{Step, StepState};
use super::webex::validate_webex;

/// Every finding for the setup, in field order.
pub fn validate(setup: &Setup, secrets: &Secrets, today: Date) -> Vec<Finding> {
    let mut findings = validate_webex(&setup.webex_connect, &setup.mailbox.address);
    findings.extend(validate_entra(&setup.azure, secrets, today));
    findings.extend(validate_mailbox(&setup.mailbox, &setup.webex_connect.forwarding_address));
    findings.extend(validate_smtp(&setup.smtp, &setup.mailbox.user_principal_name));
    for id in CheckId::ALL {
        let check = setup.verification.get(id);
        if check.status == CheckStatus::Failed {
            findings.push(Finding::error(
                Field::VerificationChecks,
                Message::new("verify.check_failed").with("check", id.as_str()),
            ));
        }
    }
    super::sort::sort_by_key(&mut findings, |f| (f.field, f.severity));
    findings
}

/// The text the admin typed for a field, for fields that are typed.
pub fn raw(setup: &Setup, field: Field) -> Option<&str> {
    use Field::*;
    Some(match field {
        WebexAppName => &setup.webex_connect.app_name,
        WebexCallbackUrl => &setup.webex_connect.callback_url,
        WebexForwardingAddress => &setup.webex_connect.forwarding_address,
        AzureTenantId => &setup.azure.tenant_id,
        AzureAppDisplayName => &setup.azure.app_display_name,
        AzureClientId => &setup.azure.client_id,
        AzureClientSecretExpires => &setup.azure.client_secret_expires,
        MailboxAddress => &setup.mailbox.address,
        MailboxUserPrincipalName => &setup.mailbox.user_principal_name,
        SmtpServer => &setup.smtp.server,
        SmtpUsername => &setup.smtp.username,
        OauthLoginId => &setup.oauth.login_id,
        SupportAssetId => &setup.support.asset_id,
        SupportTransactionIds => &setup.support.transaction_ids,
        SupportNotes => &setup.support.notes,
        _ => return None,
    })
}

/// Stores typed text into a field; false for fields that are not typed (derived, enums).
pub fn set_raw(setup: &mut Setup, field: Field, value: String) -> bool {
    use Field::*;
    let slot = match field {
        WebexAppName => &mut setup.webex_connect.app_name,
        WebexCallbackUrl => &mut setup.webex_connect.callback_url,
        WebexForwardingAddress => &mut setup.webex_connect.forwarding_address,
        AzureTenantId => &mut setup.azure.tenant_id,
        AzureAppDisplayName => &mut setup.azure.app_display_name,
        AzureClientId => &mut setup.azure.client_id,
        AzureClientSecretExpires => &mut setup.azure.client_secret_expires,
        MailboxAddress => &mut setup.mailbox.address,
        MailboxUserPrincipalName => &mut setup.mailbox.user_principal_name,
        SmtpServer => &mut setup.smtp.server,
        SmtpUsername => &mut setup.smtp.username,
        OauthLoginId => &mut setup.oauth.login_id,
        SupportAssetId => &mut setup.support.asset_id,
        SupportTransactionIds => &mut setup.support.transaction_ids,
        SupportNotes => &mut setup.support.notes,
        _ => return false,
    };
    *slot = value;
    true
}

/// Fields a step needs before it can be complete. The client secret is not among them: it
/// lives in memory only and is pasted straight into Webex Connect.
pub fn required(step: Step) -> &'static [Field] {
    use Field::*;
    match step {
        Step::WebexApp => &[WebexAppName, WebexCallbackUrl, WebexForwardingAddress],
        Step::EntraApp => &[AzureTenantId, AzureAppDisplayName, AzureClientId, AzureClientSecretExpires],
        Step::Mailbox => &[MailboxAddress, MailboxUserPrincipalName],
        _ => &[],
    }
}

/// Ticks of the Webex Connect form's checklist (step 4), kept beside the setup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChecklistItem {
    FormFilled,
    ConsentReviewCleared,
    TokenGenerated,
    Saved,
    RegisteredToEngage,
}

impl ChecklistItem {
    pub const ALL: [ChecklistItem; 5] = [
        ChecklistItem::FormFilled,
        ChecklistItem::ConsentReviewCleared,
        ChecklistItem::TokenGenerated,
        ChecklistItem::Saved,
        ChecklistItem::RegisteredToEngage,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ChecklistItem::FormFilled => "oauth.checklist.form_filled",
            ChecklistItem::ConsentReviewCleared => "oauth.checklist.consent_review_cleared",
            ChecklistItem::TokenGenerated => "oauth.checklist.token_generated",
            ChecklistItem::Saved => "oauth.checklist.saved",
            ChecklistItem::RegisteredToEngage => "oauth.checklist.registered_to_engage",
        }
    }
}

/// The Troubleshoot step has been used: the admin typed in one of the values Cisco TAC asks
/// for (the error explainer and the token inspector keep nothing, so they cannot count).
fn troubleshoot_used(setup: &Setup) -> bool {
    let s = &setup.support;
    [&s.asset_id, &s.transaction_ids, &s.notes].iter().any(|t| !t.trim().is_empty())
}

pub fn step_state(step: Step, setup: &Setup, findings: &[Finding], checklist: &[ChecklistItem]) -> StepState {
    let is_error = |f: &&Finding| f.severity == Severity::Error && f.field.step() == step;
    // An error on an empty field means "not filled in yet", not "wrong".
    let wrong = findings.iter().filter(is_error).any(|f| raw(setup, f.field).is_none_or(|t| !t.trim().is_empty()));
    if wrong {
        return StepState::HasErrors;
    }
    let missing = required(step).iter().any(|f| raw(setup, *f).is_none_or(|t| t.trim().is_empty()));
    let done = match step {
        Step::WebexOauth => {
            ChecklistItem::ALL.iter().all(|i| checklist.contains(i))
                && [Step::WebexApp, Step::EntraApp, Step::Mailbox]
                    .iter()
                    .all(|s| step_state(*s, setup, findings, checklist) == StepState::Complete)
        }
        Step::Verify => CheckId::ALL.iter().all(|c| setup.verification.get(*c).status == CheckStatus::Passed),
        // Needed only when a check failed: then the TAC fields are what is asked for.
        // Otherwise it is optional until used, i.e. until something is typed in its fields.
        Step::Troubleshoot => {
            let failed = CheckId::ALL.iter().any(|c| setup.verification.get(*c).status == CheckStatus::Failed);
            if !failed && !troubleshoot_used(setup) {
                return StepState::Optional;
            }
            !failed || !setup.support.asset_id.trim().is_empty()
        }
        Step::Summary => Step::ALL
            .iter()
            .filter(|s| **s != Step::Summary)
            .all(|s| step_state(*s, setup, findings, checklist).is_done()),
        _ => !missing && !findings.iter().any(|f| is_error(&f)),
    };
    if step == Step::Summary
        && Step::ALL
            .iter()
            .any(|s| *s != Step::Summary && step_state(*s, setup, findings, checklist) == StepState::HasErrors)
    {
        return StepState::HasErrors;
    }
    if done {
        StepState::Complete
    } else {
        StepState::Incomplete
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::domain::sample::{complete_setup, today};

    fn state(step: Step, s: &Setup, checklist: &[ChecklistItem]) -> StepState {
        let f = validate(s, &Secrets::default(), today());
        step_state(step, s, &f, checklist)
    }

    #[test]
    fn raw_and_set_raw_agree_on_every_typed_field() {
        let mut s = Setup::default();
        for f in Field::ALL {
            let typed = set_raw(&mut s, f, format!("v-{}", f.key()));
            assert_eq!(typed, raw(&s, f).is_some(), "{f:?}");
            if typed {
                assert_eq!(raw(&s, f), Some(format!("v-{}", f.key()).as_str()));
                assert!(!f.is_derived() && !f.is_secret(), "{f:?}");
            }
        }
    }

    #[test]
    fn an_empty_setup_is_incomplete_not_wrong() {
        let s = Setup::default();
        for step in [Step::WebexApp, Step::EntraApp, Step::Mailbox, Step::WebexOauth, Step::Verify, Step::Summary] {
            assert_eq!(state(step, &s, &[]), StepState::Incomplete, "{step:?}");
        }
        assert_eq!(state(Step::Troubleshoot, &s, &[]), StepState::Optional, "nothing done, nothing needed");
    }

    #[test]
    fn troubleshoot_is_optional_until_used() {
        let mut s = complete_setup();
        assert_eq!(state(Step::Troubleshoot, &s, &[]), StepState::Optional);
        s.support.notes = "  ".into();
        assert_eq!(state(Step::Troubleshoot, &s, &[]), StepState::Optional, "blanks are not a use");
        for typed in ["asset", "tx", "notes"] {
            let mut used = s.clone();
            match typed {
                "asset" => used.support.asset_id = "5f3c0a".into(),
                "tx" => used.support.transaction_ids = "tx-1".into(),
                _ => used.support.notes = "seen at 10:00".into(),
            }
            assert_eq!(state(Step::Troubleshoot, &used, &[]), StepState::Complete, "{typed}");
        }
        // Optional is done: it does not hold the summary back.
        for c in CheckId::ALL {
            s.verification.get_mut(c).status = CheckStatus::Passed;
        }
        assert_eq!(state(Step::Summary, &s, &ChecklistItem::ALL), StepState::Complete);
    }

    #[test]
    fn valid_inputs_complete_the_first_three_steps() {
        let s = complete_setup();
        let errors: Vec<_> =
            validate(&s, &Secrets::default(), today()).into_iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        for step in [Step::WebexApp, Step::EntraApp, Step::Mailbox] {
            assert_eq!(state(step, &s, &[]), StepState::Complete, "{step:?}");
        }
        assert_eq!(state(Step::WebexOauth, &s, &[]), StepState::Incomplete, "checklist not ticked");
        assert_eq!(state(Step::WebexOauth, &s, &ChecklistItem::ALL), StepState::Complete);
    }

    #[test]
    fn a_wrong_value_marks_its_step() {
        let mut s = complete_setup();
        s.webex_connect.callback_url = "http://acme.us.webexconnect.io/callback".into();
        assert_eq!(state(Step::WebexApp, &s, &[]), StepState::HasErrors);
        assert_eq!(state(Step::Summary, &s, &[]), StepState::HasErrors);
        assert_eq!(state(Step::EntraApp, &s, &[]), StepState::Complete);
        // Step 4 depends on the first three.
        assert_eq!(state(Step::WebexOauth, &s, &ChecklistItem::ALL), StepState::Incomplete);
    }

    #[test]
    fn verification_and_troubleshooting() {
        let mut s = complete_setup();
        for c in CheckId::ALL {
            s.verification.get_mut(c).status = CheckStatus::Passed;
        }
        assert_eq!(state(Step::Verify, &s, &[]), StepState::Complete);
        s.verification.reply_arrived.status = CheckStatus::Failed;
        assert_eq!(state(Step::Verify, &s, &[]), StepState::HasErrors);
        assert_eq!(state(Step::Troubleshoot, &s, &[]), StepState::Incomplete, "TAC fields wanted");
        s.support.notes = "seen at 10:00".into();
        assert_eq!(state(Step::Troubleshoot, &s, &[]), StepState::Incomplete, "the asset ID is what TAC needs");
        s.support.asset_id = "5f3c0a".into();
        assert_eq!(state(Step::Troubleshoot, &s, &[]), StepState::Complete);
    }

    #[test]
    fn every_step_complete_completes_the_summary() {
        let mut s = complete_setup();
        for c in CheckId::ALL {
            s.verification.get_mut(c).status = CheckStatus::Passed;
        }
        assert_eq!(state(Step::Summary, &s, &ChecklistItem::ALL), StepState::Complete);
    }
}

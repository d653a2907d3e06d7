//! Webex Connect submitting mail to smtp.office365.com: authentication, Send As, TLS and
//! the sending limits. 535 5.7.139 and 554 5.2.0 are told apart by the reply's text.

use super::source::{
    BACK_PRESSURE, BASIC_AUTH_TIMELINE, EXO_OAUTH, NDR_5_1_8, NDR_5_7_57, NDR_5_7_700, NDR_QUOTA, RFC3463, RFC4954,
    SEND_AS_DENIED, SMTP_AUTH, SMTP_LIMITS, TLS,
};
use super::{at, entry, smtp, smtp_or_phrase, to, Entry, NOWHERE};
use crate::domain::field::Field as F;
use crate::domain::step::Step as S;

// One entry per line: easier to read and review as a table than rustfmt's layout.
#[rustfmt::skip]
pub(super) static ENTRIES: &[Entry] = &[
    // Authentication
    entry!(smtp_5_7_139_auth_disabled, Smtp, Submission, "535 5.7.139", smtp(535, "5.7.139", AUTH_DISABLED), to(F::MailboxAddress), SMTP_AUTH, Documented),
    entry!(smtp_5_7_139_basic_disabled, Smtp, Submission, "535 5.7.139", smtp(535, "5.7.139", BASIC_DISABLED), at(S::WebexOauth), BASIC_AUTH_TIMELINE, Documented),
    entry!(smtp_5_7_139_security_defaults, Smtp, Submission, "535 5.7.139", smtp(535, "5.7.139", SECURITY_DEFAULTS), at(S::WebexOauth), SMTP_AUTH, Documented),
    entry!(smtp_5_7_139_criteria, Smtp, Submission, "535 5.7.139", smtp(535, "5.7.139", CRITERIA), NOWHERE, SMTP_AUTH, Inferred),
    entry!(smtp_5_7_139_credentials, Smtp, Submission, "535 5.7.139", smtp(535, "5.7.139", CREDENTIALS), at(S::WebexOauth), SMTP_AUTH, Inferred),
    entry!(smtp_5_7_139_other, Smtp, Submission, "535 5.7.139", smtp(535, "5.7.139", &[]), at(S::Mailbox), BASIC_AUTH_TIMELINE, Inferred),
    entry!(smtp_5_7_30, Smtp, Submission, "550 5.7.30", smtp(550, "5.7.30", &[]), at(S::WebexOauth), BASIC_AUTH_TIMELINE, Documented),
    entry!(smtp_5_7_3, Smtp, Submission, "535 5.7.3", smtp(535, "5.7.3", &[]), to(F::SmtpUsername), EXO_OAUTH, Inferred),
    entry!(smtp_5_7_57, Smtp, Submission, "530 5.7.57", smtp(530, "5.7.57", &[]), to(F::SmtpSecurity), NDR_5_7_57, Documented),
    entry!(smtp_5_7_4, Smtp, Submission, "504 5.7.4", smtp(504, "5.7.4", &[]), to(F::SmtpSecurity), RFC3463, Inferred),
    entry!(smtp_4_7_0, Smtp, Submission, "4.7.0", smtp(0, "4.7.0", &[]), NOWHERE, RFC4954, Inferred),
    // TLS
    entry!(smtp_4_7_66, Smtp, Submission, "421 4.7.66", smtp(421, "4.7.66", &[]), to(F::SmtpSecurity), TLS, Inferred),
    // Send As: the From address against the signed-in user
    entry!(smtp_5_7_60, Smtp, Submission, "550 5.7.60", smtp(550, "5.7.60", &[]), to(F::MailboxAddress), SEND_AS_DENIED, Documented),
    entry!(smtp_send_as_denied, Smtp, Submission, "554 5.2.0", smtp_or_phrase(554, "5.2.0", SEND_AS), to(F::MailboxAddress), SEND_AS_DENIED, Documented),
    entry!(smtp_5_2_0_quota, Smtp, Submission, "554 5.2.0", smtp_or_phrase(554, "5.2.0", QUOTA), NOWHERE, NDR_QUOTA, Documented),
    entry!(smtp_5_2_0_other, Smtp, Submission, "554 5.2.0", smtp(554, "5.2.0", &[]), NOWHERE, RFC3463, Inferred),
    // Limits and restrictions on the sender
    entry!(smtp_4_3_2_concurrent, Smtp, Submission, "432 4.3.2", smtp(0, "4.3.2", CONCURRENT), NOWHERE, SMTP_LIMITS, Inferred),
    entry!(smtp_4_3_1, Smtp, Submission, "452 4.3.1", smtp(452, "4.3.1", &[]), NOWHERE, BACK_PRESSURE, Inferred),
    entry!(smtp_5_1_8, Smtp, Submission, "550 5.1.8", smtp(550, "5.1.8", &[]), NOWHERE, NDR_5_1_8, Documented),
    entry!(smtp_5_7_705, Smtp, Submission, "550 5.7.705", smtp(550, "5.7.705", &[]), NOWHERE, NDR_5_7_700, Documented),
    entry!(smtp_5_7_708, Smtp, Submission, "550 5.7.708", smtp(550, "5.7.708", &[]), NOWHERE, NDR_5_7_700, Documented),
    entry!(smtp_5_7_750, Smtp, Submission, "550 5.7.750", smtp(550, "5.7.750", &[]), to(F::MailboxAddress), NDR_5_7_700, Documented),
];

// Reply texts (lowercase) that tell variants of one code apart.
const AUTH_DISABLED: &[&str] = &["smtpclientauthentication is disabled", "smtp_auth_disabled"];
const BASIC_DISABLED: &[&str] = &["basic authentication is disabled"];
const SECURITY_DEFAULTS: &[&str] = &["security defaults"];
const CRITERIA: &[&str] = &["did not meet the criteria"];
const CREDENTIALS: &[&str] = &["credentials were incorrect"];
const SEND_AS: &[&str] = &["sendasdenied"];
const QUOTA: &[&str] = &["submissionquotaexceeded"];
const CONCURRENT: &[&str] = &["thread limit", "concurrent connections"];

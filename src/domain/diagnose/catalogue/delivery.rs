//! Delivery: the mailbox forwarding to Webex Connect's Forwarding Address, customers' mail
//! reaching the mailbox, and agents' replies reaching customers.

use super::source::{DBEB, FORWARDING, NDR, NDR_4_7_500, NDR_5_1_10, NDR_5_4_14, NDR_5_7_124};
use super::{entry, smtp, to, Entry, NOWHERE};
use crate::domain::field::Field as F;

// One entry per line: easier to read and review as a table than rustfmt's layout.
#[rustfmt::skip]
pub(super) static ENTRIES: &[Entry] = &[
    entry!(smtp_5_7_520, Smtp, Delivery, "550 5.7.520", smtp(550, "5.7.520", &[]), to(F::MailboxOutboundPolicy), FORWARDING, Documented),
    entry!(smtp_5_4_14, Smtp, Delivery, "554 5.4.14", smtp(554, "5.4.14", &[]), to(F::WebexForwardingAddress), NDR_5_4_14, Inferred),
    entry!(smtp_5_4_1_recipient, Smtp, Delivery, "550 5.4.1", smtp(550, "5.4.1", RECIPIENT_REJECTED), to(F::MailboxAddress), DBEB, Inferred),
    entry!(smtp_5_4_1_relay, Smtp, Delivery, "550 5.4.1", smtp(550, "5.4.1", RELAY_DENIED), NOWHERE, NDR, Documented),
    entry!(smtp_5_1_10, Smtp, Delivery, "550 5.1.10", smtp(550, "5.1.10", &[]), NOWHERE, NDR_5_1_10, Inferred),
    entry!(smtp_5_7_124, Smtp, Delivery, "550 5.7.124", smtp(550, "5.7.124", &[]), NOWHERE, NDR_5_7_124, Inferred),
    entry!(smtp_5_7_509, Smtp, Delivery, "550 5.7.509", smtp(550, "5.7.509", &[]), NOWHERE, NDR, Inferred),
    entry!(smtp_4_7_500, Smtp, Delivery, "451 4.7.500", smtp(451, "4.7.500-699", &[]), NOWHERE, NDR_4_7_500, Inferred),
];

const RECIPIENT_REJECTED: &[&str] = &["recipient address rejected"];
const RELAY_DENIED: &[&str] = &["relay access denied"];

//! What the check output means for this channel, item by item: what holds and what to
//! change, each linked to the wizard field whose step fixes it (the Mailbox step's script
//! makes every change below). Facts: Microsoft's Set-CASMailbox, Set-Mailbox and outbound
//! spam policy documentation (DOMAIN.md section 6).

use super::output::{AutoForwarding, CheckOutput, MailboxSettings, OutboundRule, RuleState, Section};
use crate::domain::field::Field;
use crate::domain::finding::{Finding, Message, Severity};
use crate::domain::model::Setup;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Item {
    MailboxSmtpAuth,
    TenantSmtpAuth,
    Forwarding,
    KeepCopy,
    OutboundPolicy,
    OrganizationCustomization,
}

impl Item {
    pub const ALL: [Item; 6] = [
        Item::MailboxSmtpAuth,
        Item::TenantSmtpAuth,
        Item::Forwarding,
        Item::KeepCopy,
        Item::OutboundPolicy,
        Item::OrganizationCustomization,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Item::MailboxSmtpAuth => "mailbox_smtp_auth",
            Item::TenantSmtpAuth => "tenant_smtp_auth",
            Item::Forwarding => "forwarding",
            Item::KeepCopy => "keep_copy",
            Item::OutboundPolicy => "outbound_policy",
            Item::OrganizationCustomization => "organization_customization",
        }
    }

    pub fn field(self) -> Field {
        match self {
            Item::MailboxSmtpAuth | Item::TenantSmtpAuth => Field::MailboxAddress,
            Item::Forwarding | Item::KeepCopy => Field::WebexForwardingAddress,
            Item::OutboundPolicy | Item::OrganizationCustomization => Field::MailboxOutboundPolicy,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    Holds,
    Change,
    /// The output does not say (not read, or it depends on something it cannot show).
    Unknown,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Holds => "holds",
            State::Change => "change",
            State::Unknown => "unknown",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub item: Item,
    pub state: State,
    pub message: Message,
}

impl Verdict {
    fn new(item: Item, state: State, key: &'static str) -> Verdict {
        Verdict { item, state, message: Message::new(key) }
    }

    fn with(mut self, name: &'static str, value: impl Into<String>) -> Verdict {
        self.message = self.message.with(name, value);
        self
    }

    /// As a finding (the support bundle): what to change is an error, what is unknown a warning.
    pub fn finding(&self) -> Finding {
        let severity = match self.state {
            State::Holds => Severity::Info,
            State::Change => Severity::Error,
            State::Unknown => Severity::Warning,
        };
        Finding { field: self.item.field(), severity, message: self.message.clone() }
    }
}

/// A section the script could not read: said as such, with Exchange's message.
fn unread<T>(item: Item, s: &Section<T>) -> Verdict {
    match s {
        Section::Failed { message } => {
            Verdict::new(item, State::Unknown, "exchange.verdict.failed").with("error", message.clone())
        }
        _ => Verdict::new(item, State::Unknown, "exchange.verdict.absent"),
    }
}

pub fn verdicts(out: &CheckOutput, setup: &Setup) -> Vec<Verdict> {
    let mut v = vec![mailbox_smtp_auth(out), tenant_smtp_auth(out)];
    match &out.mailbox {
        Section::Read(m) => v.extend(forwarding(m, &setup.webex_connect.forwarding_address)),
        other => v.extend([unread(Item::Forwarding, other), unread(Item::KeepCopy, other)]),
    }
    v.push(outbound(out, setup));
    v.push(match &out.organization {
        Section::Read(o) if o.is_dehydrated => {
            Verdict::new(Item::OrganizationCustomization, State::Change, "exchange.verdict.org.dehydrated")
        }
        Section::Read(_) => {
            Verdict::new(Item::OrganizationCustomization, State::Holds, "exchange.verdict.org.customized")
        }
        other => unread(Item::OrganizationCustomization, other),
    });
    v
}

/// The mailbox's own setting wins; `$null` means it follows the tenant's.
fn mailbox_smtp_auth(out: &CheckOutput) -> Verdict {
    let item = Item::MailboxSmtpAuth;
    let tenant = out.transport_config.read().map(|t| t.smtp_client_authentication_disabled);
    match &out.cas_mailbox {
        Section::Read(c) => match (c.smtp_client_authentication_disabled, tenant) {
            (Some(false), _) => Verdict::new(item, State::Holds, "exchange.verdict.smtp.mailbox_enabled"),
            (Some(true), _) => Verdict::new(item, State::Change, "exchange.verdict.smtp.mailbox_disabled"),
            (None, Some(Some(true))) => {
                Verdict::new(item, State::Change, "exchange.verdict.smtp.follows_disabled_tenant")
            }
            (None, Some(_)) => Verdict::new(item, State::Holds, "exchange.verdict.smtp.follows_enabled_tenant"),
            (None, None) => Verdict::new(item, State::Unknown, "exchange.verdict.smtp.follows_unknown_tenant"),
        },
        other => unread(item, other),
    }
}

fn tenant_smtp_auth(out: &CheckOutput) -> Verdict {
    let item = Item::TenantSmtpAuth;
    match &out.transport_config {
        Section::Read(t) if t.smtp_client_authentication_disabled == Some(true) => {
            Verdict::new(item, State::Holds, "exchange.verdict.smtp.tenant_disabled")
        }
        Section::Read(_) => Verdict::new(item, State::Holds, "exchange.verdict.smtp.tenant_enabled"),
        other => unread(item, other),
    }
}

/// Forwarding to Webex Connect's address, keeping a copy. `ForwardingAddress` (a recipient
/// inside the organization) wins over `ForwardingSmtpAddress` when both are set.
fn forwarding(m: &MailboxSettings, wanted: &str) -> [Verdict; 2] {
    let item = Item::Forwarding;
    let smtp = m.forwarding_smtp_address.as_deref().map(super::output::strip_smtp).map(str::trim).unwrap_or("");
    let wanted = wanted.trim();
    let forward = match (m.forwarding_address.as_deref().filter(|a| !a.trim().is_empty()), smtp) {
        (Some(internal), _) => {
            Verdict::new(item, State::Change, "exchange.verdict.forwarding.internal").with("recipient", internal.trim())
        }
        (None, "") => Verdict::new(item, State::Change, "exchange.verdict.forwarding.none"),
        (None, found) if wanted.is_empty() => {
            Verdict::new(item, State::Unknown, "exchange.verdict.forwarding.wizard_empty").with("found", found)
        }
        (None, found) if found.eq_ignore_ascii_case(wanted) => {
            Verdict::new(item, State::Holds, "exchange.verdict.forwarding.matches").with("address", found)
        }
        (None, found) => Verdict::new(item, State::Change, "exchange.verdict.forwarding.differs")
            .with("found", found)
            .with("expected", wanted),
    };
    let copy = if m.deliver_to_mailbox_and_forward {
        Verdict::new(Item::KeepCopy, State::Holds, "exchange.verdict.copy.kept")
    } else {
        Verdict::new(Item::KeepCopy, State::Change, "exchange.verdict.copy.not_kept")
    };
    [forward, copy]
}

/// Does a rule's condition name the mailbox? `None`: only group membership could tell.
fn rule_covers(r: &OutboundRule, identities: &[String], domain: &str) -> Option<bool> {
    let named = |list: &[String]| list.iter().any(|x| identities.contains(&x.trim().to_lowercase()));
    let in_domain = |list: &[String]| list.iter().any(|d| d.trim().eq_ignore_ascii_case(domain));
    if named(&r.except_if_from) || in_domain(&r.except_if_sender_domain_is) {
        return Some(false);
    }
    // Conditions of one rule must all match; values within one condition are alternatives.
    let mut known = Vec::new();
    if !r.from.is_empty() {
        known.push(named(&r.from));
    }
    if !r.sender_domain_is.is_empty() {
        known.push(in_domain(&r.sender_domain_is));
    }
    if known.contains(&false) {
        return Some(false);
    }
    if !r.from_member_of.is_empty() || !r.except_if_from_member_of.is_empty() {
        return None;
    }
    Some(!known.is_empty())
}

/// Which policy covers the mailbox: the enabled rule with the lowest priority number whose
/// conditions name it, else the Default policy; and whether that policy allows automatic
/// forwarding to outside addresses (550 5.7.520 otherwise).
fn outbound(out: &CheckOutput, setup: &Setup) -> Verdict {
    let item = Item::OutboundPolicy;
    let (Section::Read(policies), Section::Read(rules)) = (&out.policies, &out.rules) else {
        return if out.policies.read().is_none() { unread(item, &out.policies) } else { unread(item, &out.rules) };
    };
    let mut identities: Vec<String> = out.mailbox.read().map(MailboxSettings::identities).unwrap_or_default();
    for w in [&setup.mailbox.address, &setup.mailbox.user_principal_name, &out.checked_mailbox] {
        if !w.trim().is_empty() {
            identities.push(w.trim().to_lowercase());
        }
    }
    let domain = out.checked_mailbox.rsplit_once('@').map(|(_, d)| d.to_lowercase()).unwrap_or_default();
    let mut enabled: Vec<&OutboundRule> = rules.iter().filter(|r| r.state == RuleState::Enabled).collect();
    crate::domain::sort::sort_by_key(&mut enabled, |r| r.priority);
    let mut covering = None;
    for r in enabled {
        match rule_covers(r, &identities, &domain) {
            Some(true) => {
                covering = Some(r);
                break;
            }
            Some(false) => {}
            None => {
                return Verdict::new(item, State::Unknown, "exchange.verdict.outbound.group")
                    .with("rule", r.name.clone())
                    .with("priority", r.priority.to_string());
            }
        }
    }
    let policy = match covering {
        Some(r) => policies.iter().find(|p| p.name.eq_ignore_ascii_case(&r.hosted_outbound_spam_filter_policy)),
        None => policies.iter().find(|p| p.is_default),
    };
    let Some(policy) = policy else {
        let name = covering.map(|r| r.hosted_outbound_spam_filter_policy.clone()).unwrap_or_default();
        return Verdict::new(item, State::Unknown, "exchange.verdict.outbound.policy_missing").with("policy", name);
    };
    let disabled_rule = rules
        .iter()
        .filter(|r| r.state == RuleState::Disabled)
        .find(|r| rule_covers(r, &identities, &domain) == Some(true));
    let on = policy.auto_forwarding_mode == AutoForwarding::On;
    let v = |key| {
        Verdict::new(item, if on { State::Holds } else { State::Change }, key).with("policy", policy.name.clone())
    };
    match (covering, disabled_rule) {
        (Some(r), _) => {
            let key =
                if on { "exchange.verdict.outbound.rule_allows" } else { "exchange.verdict.outbound.rule_blocks" };
            v(key).with("rule", r.name.clone()).with("priority", r.priority.to_string())
        }
        (None, _) if on => v("exchange.verdict.outbound.default_allows"),
        (None, Some(r)) => v("exchange.verdict.outbound.rule_disabled").with("rule", r.name.clone()),
        (None, None) if policy.auto_forwarding_mode == AutoForwarding::Automatic => {
            v("exchange.verdict.outbound.default_automatic")
        }
        (None, None) => v("exchange.verdict.outbound.default_off"),
    }
}

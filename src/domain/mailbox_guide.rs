//! Step 3's instructions as data, shown by one renderer: how to run the generated script, and
//! the same settings by hand in the Microsoft 365 admin center and the Microsoft Defender
//! portal, with the typed values to paste where the console asks for them.

use super::model::{OutboundPolicy, Setup};
use super::powershell::default_policy_name;
use super::profile::Instruction;

/// How to run the downloaded script `file`.
pub fn run_script(file: &str) -> Vec<Instruction> {
    vec![
        Instruction::new("mailbox_step.run_1"),
        Instruction::new("mailbox_step.run_2"),
        Instruction::new("mailbox_step.run_3").with("file", file),
        Instruction::new("mailbox_step.run_4").with("file", file),
        Instruction::new("mailbox_step.run_5"),
    ]
}

/// The Microsoft 365 admin center: SMTP AUTH and forwarding for the mailbox's user.
pub fn admin_center(setup: &Setup) -> Vec<Instruction> {
    vec![
        Instruction::new("mailbox_step.admin_center_1")
            .copy_typed("mailbox_step.copy.user", &setup.mailbox.user_principal_name),
        Instruction::new("mailbox_step.admin_center_2"),
        Instruction::new("mailbox_step.admin_center_3")
            .copy_typed("mailbox_step.copy.forwarding", &setup.webex_connect.forwarding_address),
        Instruction::new("mailbox_step.admin_center_4"),
    ]
}

/// The Microsoft Defender portal: automatic forwarding allowed for the chosen policy.
pub fn defender(setup: &Setup) -> Vec<Instruction> {
    let first = Instruction::new("mailbox_step.defender_1");
    match setup.mailbox.outbound_policy {
        OutboundPolicy::ScopedCustomPolicy => {
            let mailbox = setup.mailbox.address.trim();
            let mut create = Instruction::new("mailbox_step.defender_scoped_2");
            if !mailbox.is_empty() {
                create = create
                    .copy("mailbox_step.copy.policy_name", default_policy_name(mailbox))
                    .copy("mailbox_step.copy.mailbox", mailbox);
            }
            vec![first, create, Instruction::new("mailbox_step.defender_scoped_3")]
        }
        OutboundPolicy::DefaultPolicy => vec![
            first,
            Instruction::new("mailbox_step.defender_default_2"),
            Instruction::new("mailbox_step.defender_default_3"),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::sample::complete_setup;

    fn keys(list: &[Instruction]) -> Vec<&'static str> {
        list.iter().map(|i| i.message.key).collect()
    }

    fn copies(list: &[Instruction]) -> Vec<(&'static str, String)> {
        list.iter().flat_map(|i| i.copy_values.iter().map(|c| (c.label_key, c.value.clone()))).collect()
    }

    #[test]
    fn the_run_steps_name_the_file() {
        let steps = run_script("webex-connect-mailbox-a@b.example.ps1");
        assert_eq!(steps.len(), 5);
        assert_eq!(steps[2].message.param("file"), Some("webex-connect-mailbox-a@b.example.ps1"));
        assert_eq!(steps[3].message.param("file"), Some("webex-connect-mailbox-a@b.example.ps1"));
    }

    #[test]
    fn the_consoles_offer_the_typed_values_to_paste() {
        let s = complete_setup();
        assert_eq!(
            copies(&admin_center(&s)),
            [
                ("mailbox_step.copy.user", s.mailbox.user_principal_name.clone()),
                ("mailbox_step.copy.forwarding", s.webex_connect.forwarding_address.clone()),
            ]
        );
        assert_eq!(
            copies(&defender(&s)),
            [
                ("mailbox_step.copy.policy_name", default_policy_name(&s.mailbox.address)),
                ("mailbox_step.copy.mailbox", s.mailbox.address.clone()),
            ]
        );
        // Nothing typed yet: nothing empty to copy.
        assert!(copies(&admin_center(&Setup::default())).is_empty());
        assert!(copies(&defender(&Setup::default())).is_empty());
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        use crate::domain::locale::{Catalog, Lang};
        let mut s = complete_setup();
        let mut all = run_script("f.ps1");
        all.extend(admin_center(&s));
        all.extend(defender(&s));
        s.mailbox.outbound_policy = OutboundPolicy::DefaultPolicy;
        all.extend(defender(&s));
        for lang in Lang::ALL {
            let (catalog, _) = Catalog::parse(lang.files());
            for i in &all {
                assert!(catalog.get(i.message.key).is_some(), "{lang:?}: {}", i.message.key);
                for c in &i.copy_values {
                    assert!(catalog.get(c.label_key).is_some(), "{lang:?}: {}", c.label_key);
                }
            }
        }
    }

    #[test]
    fn the_defender_steps_follow_the_policy() {
        let mut s = complete_setup();
        assert_eq!(
            keys(&defender(&s)),
            ["mailbox_step.defender_1", "mailbox_step.defender_scoped_2", "mailbox_step.defender_scoped_3"]
        );
        s.mailbox.outbound_policy = OutboundPolicy::DefaultPolicy;
        assert_eq!(
            keys(&defender(&s)),
            ["mailbox_step.defender_1", "mailbox_step.defender_default_2", "mailbox_step.defender_default_3"]
        );
        assert!(copies(&defender(&s)).is_empty(), "the Default policy names no mailbox");
    }
}

//! The wizard's steps, in the procedure's order, and their routes.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    WebexApp,
    EntraApp,
    Mailbox,
    WebexOauth,
    Verify,
    Troubleshoot,
    Summary,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::WebexApp,
        Step::EntraApp,
        Step::Mailbox,
        Step::WebexOauth,
        Step::Verify,
        Step::Troubleshoot,
        Step::Summary,
    ];

    /// The route segment; also the folder the build copies `index.html` into so that a deep
    /// link reloads on any static server, even one without rewrite rules.
    pub fn slug(self) -> &'static str {
        match self {
            Step::WebexApp => "webex-app",
            Step::EntraApp => "entra-app",
            Step::Mailbox => "mailbox",
            Step::WebexOauth => "webex-oauth",
            Step::Verify => "verify",
            Step::Troubleshoot => "troubleshoot",
            Step::Summary => "summary",
        }
    }

    /// Locale key of the step's title.
    pub fn title_key(self) -> &'static str {
        match self {
            Step::WebexApp => "step.webex_app",
            Step::EntraApp => "step.entra_app",
            Step::Mailbox => "step.mailbox",
            Step::WebexOauth => "step.webex_oauth",
            Step::Verify => "step.verify",
            Step::Troubleshoot => "step.troubleshoot",
            Step::Summary => "step.summary",
        }
    }

    /// Number shown in the stepper; the summary has none.
    pub fn number(self) -> Option<usize> {
        match self {
            Step::Summary => None,
            s => Step::ALL.iter().position(|x| *x == s).map(|i| i + 1),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Step> {
        Step::ALL.into_iter().find(|s| s.slug() == slug)
    }

    /// Resolves a location path against the app's base path (`/` or a sub-path such as
    /// `/setup/`). The root and unknown paths go to the first step; trailing slashes,
    /// `index.html` and letter case do not matter.
    pub fn from_path(base: &str, path: &str) -> Step {
        let base = base.trim_end_matches('/');
        let rest = path.strip_prefix(base).unwrap_or(path);
        let segment = rest.trim_matches('/').trim_end_matches("index.html").trim_matches('/').to_ascii_lowercase();
        Step::from_slug(&segment).unwrap_or(Step::WebexApp)
    }

    /// The canonical href for a step under `base` (always with a trailing slash, so a plain
    /// static server answers it from the step's folder without a redirect).
    pub fn href(self, base: &str) -> String {
        format!("{}/{}/", base.trim_end_matches('/'), self.slug())
    }

    pub fn next(self) -> Option<Step> {
        let i = Step::ALL.iter().position(|s| *s == self)?;
        Step::ALL.get(i + 1).copied()
    }

    pub fn previous(self) -> Option<Step> {
        let i = Step::ALL.iter().position(|s| *s == self)?;
        i.checked_sub(1).and_then(|p| Step::ALL.get(p).copied())
    }
}

/// What the stepper shows for a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    Complete,
    Incomplete,
    HasErrors,
    /// Nothing is required and the admin has not used the step: not "Complete", since
    /// nothing was done, and not "Incomplete", since nothing is missing.
    Optional,
}

impl StepState {
    pub fn key(self) -> &'static str {
        match self {
            StepState::Complete => "state.complete",
            StepState::Incomplete => "state.incomplete",
            StepState::HasErrors => "state.has_errors",
            StepState::Optional => "state.optional",
        }
    }

    /// Nothing left to do here: complete, or optional and unused.
    pub fn is_done(self) -> bool {
        matches!(self, StepState::Complete | StepState::Optional)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_slug_round_trips() {
        for s in Step::ALL {
            assert_eq!(Step::from_slug(s.slug()), Some(s));
            assert_eq!(Step::from_path("/", &s.href("/")), s);
            assert_eq!(Step::from_path("/setup/", &s.href("/setup/")), s);
        }
    }

    #[test]
    fn paths_are_forgiving() {
        assert_eq!(Step::from_path("/", "/mailbox"), Step::Mailbox);
        assert_eq!(Step::from_path("/", "/Mailbox/"), Step::Mailbox);
        assert_eq!(Step::from_path("/setup/", "/setup/verify/index.html"), Step::Verify);
        assert_eq!(Step::from_path("/setup/", "/setup/"), Step::WebexApp);
        assert_eq!(Step::from_path("/", "/"), Step::WebexApp);
        assert_eq!(Step::from_path("/", "/no-such-step/"), Step::WebexApp);
        assert_eq!(Step::from_path("/setup", "/setup/summary/"), Step::Summary);
    }

    #[test]
    fn hrefs_are_canonical() {
        assert_eq!(Step::Mailbox.href("/"), "/mailbox/");
        assert_eq!(Step::Mailbox.href("/setup/"), "/setup/mailbox/");
        assert_eq!(Step::Mailbox.href("/setup"), "/setup/mailbox/");
    }

    #[test]
    fn numbering_and_order() {
        assert_eq!(Step::WebexApp.number(), Some(1));
        assert_eq!(Step::Troubleshoot.number(), Some(6));
        assert_eq!(Step::Summary.number(), None);
        assert_eq!(Step::WebexApp.previous(), None);
        assert_eq!(Step::Troubleshoot.next(), Some(Step::Summary));
        assert_eq!(Step::Summary.next(), None);
    }
}

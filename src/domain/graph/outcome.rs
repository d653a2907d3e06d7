//! What a provisioning run found and made: it fills the wizard.

/// The new client secret, in memory only.
#[derive(Clone, PartialEq, Eq)]
pub struct NewSecret {
    pub key_id: String,
    pub value: String,
    pub end_date_time: String,
}

impl std::fmt::Debug for NewSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSecret").field("key_id", &self.key_id).field("end", &self.end_date_time).finish()
    }
}

impl From<super::parse::AddedPassword> for NewSecret {
    /// The answer to `addPassword`: the only time Graph returns the secret's value.
    fn from(added: super::parse::AddedPassword) -> Self {
        NewSecret {
            key_id: added.key_id,
            value: added.secret_text.expose().to_string(),
            end_date_time: added.end_date_time,
        }
    }
}

/// What a run found and made: it fills the wizard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub tenant_id: Option<String>,
    pub client_id: Option<String>,
    pub secret: Option<NewSecret>,
    pub writes_done: usize,
    pub round_trips: usize,
}

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

/// What a run found and made: it fills the wizard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub tenant_id: Option<String>,
    pub client_id: Option<String>,
    pub secret: Option<NewSecret>,
    pub writes_done: usize,
    pub round_trips: usize,
}

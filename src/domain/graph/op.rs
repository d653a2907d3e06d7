//! One Microsoft Graph request of a plan, before it is sent. Ids that only exist once an
//! earlier request has answered (the new application's object id, ...) are variables: the
//! executor fills them from the responses it captured, the scripts from their own variables,
//! and the dry run shows them as `{name}`.

use std::collections::BTreeMap;

use super::scopes::DelegatedScope;
use crate::domain::finding::Message;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Patch,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
        }
    }
}

/// A value captured from an earlier response.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Var {
    TenantId,
    ExchangeSpId,
    GraphSpId,
    AppObjectId,
    AppId,
    ServicePrincipalId,
    /// The new client secret's value (never shown by the dry run or `Debug`).
    SecretText,
    /// The new client secret's expiry, as Graph answered it.
    SecretEnd,
    /// The new client secret's id (`keyId`, the portal's "Secret ID"): not secret.
    SecretKeyId,
    /// A permission id on a resource, resolved by its value (e.g. `Mail.Send`).
    Permission(&'static str),
}

impl Var {
    /// `snake_case`, as the dry run shows it: `{app_object_id}`.
    pub fn name(self) -> String {
        match self {
            Var::TenantId => "tenant_id".into(),
            Var::ExchangeSpId => "exchange_sp_id".into(),
            Var::GraphSpId => "graph_sp_id".into(),
            Var::AppObjectId => "app_object_id".into(),
            Var::AppId => "app_id".into(),
            Var::ServicePrincipalId => "service_principal_id".into(),
            Var::SecretText => "client_secret".into(),
            Var::SecretEnd => "client_secret_expires".into(),
            Var::SecretKeyId => "client_secret_id".into(),
            Var::Permission(value) => format!("permission_{}", ident(value).to_ascii_lowercase()),
        }
    }

    /// `PascalCase`, for PowerShell: `$AppObjectId`.
    pub fn ps_name(self) -> String {
        self.name().split('_').map(capitalise).collect()
    }

    /// `UPPER_CASE`, for bash: `$APP_OBJECT_ID`.
    pub fn sh_name(self) -> String {
        self.name().to_ascii_uppercase()
    }
}

/// Letters and digits of a permission value (`SMTP.Send` -> `SMTPSend`); values are fixed
/// strings of this crate, never user text.
fn ident(value: &str) -> String {
    value.chars().filter(char::is_ascii_alphanumeric).collect()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Where a captured value sits in a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A top-level string property, e.g. `id`.
    Field(&'static str),
    /// `value[0].<field>` of a collection (e.g. the organization's id).
    FirstOf(&'static str),
    /// `appRoles[?value==v].id` of a service principal.
    AppRole(&'static str),
    /// `oauth2PermissionScopes[?value==v].id` of a service principal.
    Scope(&'static str),
}

impl Pick {
    /// The value in a parsed response; `None` when it is absent or not a string.
    pub fn find(self, response: &serde_json::Value) -> Option<String> {
        let text = |v: &serde_json::Value, k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        let by_value = |list: &str, wanted: &str| {
            response.get(list)?.as_array()?.iter().find(|e| e.get("value").and_then(|v| v.as_str()) == Some(wanted))
        };
        match self {
            Pick::Field(k) => text(response, k),
            Pick::FirstOf(k) => text(response.get("value")?.as_array()?.first()?, k),
            Pick::AppRole(v) => text(by_value("appRoles", v)?, "id"),
            Pick::Scope(v) => text(by_value("oauth2PermissionScopes", v)?, "id"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Capture {
    pub var: Var,
    pub pick: Pick,
}

/// How a variable's value is escaped where it is inserted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// A URL path or query: percent-encoded.
    Url,
    /// Inside a JSON string.
    Json,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Lit(String),
    Var(Var),
}

/// Text with variables in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub context: Context,
    pub parts: Vec<Part>,
}

impl Template {
    pub fn new(context: Context) -> Self {
        Template { context, parts: Vec::new() }
    }

    pub fn url(text: impl AsRef<str>) -> Self {
        Template::new(Context::Url).lit(text)
    }

    pub fn lit(mut self, text: impl AsRef<str>) -> Self {
        self.push_lit(text.as_ref());
        self
    }

    pub fn var(mut self, var: Var) -> Self {
        self.parts.push(Part::Var(var));
        self
    }

    /// Adjacent literals merge, so a template has one part per literal run.
    pub fn push_lit(&mut self, text: &str) {
        match self.parts.last_mut() {
            Some(Part::Lit(last)) => last.push_str(text),
            _ if text.is_empty() => {}
            _ => self.parts.push(Part::Lit(text.to_string())),
        }
    }

    pub fn vars(&self) -> impl Iterator<Item = Var> + '_ {
        self.parts.iter().filter_map(|p| match p {
            Part::Var(v) => Some(*v),
            Part::Lit(_) => None,
        })
    }

    /// With every variable's value; `Err(var)` names the first one not captured yet.
    pub fn render(&self, vars: &Vars) -> Result<String, Var> {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Lit(s) => out.push_str(s),
                Part::Var(v) => {
                    let value = vars.get(*v).ok_or(*v)?;
                    match self.context {
                        Context::Url => out.push_str(&percent_encode(value)),
                        Context::Json => out.push_str(&json_escape(value)),
                    }
                }
            }
        }
        Ok(out)
    }

    /// Variables shown as `{name}` (the dry run).
    pub fn display(&self) -> String {
        self.parts
            .iter()
            .map(|p| match p {
                Part::Lit(s) => s.clone(),
                Part::Var(v) => format!("{{{}}}", v.name()),
            })
            .collect()
    }
}

/// Captured values, by variable.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Vars(BTreeMap<Var, String>);

// Hand-written so the secret's value never reaches a log through `{:?}`.
impl std::fmt::Debug for Vars {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = self.0.iter().map(|(k, v)| {
            let v = if *k == Var::SecretText { super::redact::REDACTED } else { v.as_str() };
            (k.name(), v)
        });
        f.debug_map().entries(shown).finish()
    }
}

impl Vars {
    pub fn get(&self, var: Var) -> Option<&str> {
        self.0.get(&var).map(String::as_str)
    }

    pub fn set(&mut self, var: Var, value: impl Into<String>) {
        self.0.insert(var, value.into());
    }

    /// Takes every capture of `op` from its response; returns the ones that were missing.
    pub fn capture(&mut self, op: &Operation, response: &serde_json::Value) -> Vec<Var> {
        let mut missing = Vec::new();
        for c in &op.captures {
            match c.pick.find(response) {
                Some(value) => self.set(c.var, value),
                None => missing.push(c.var),
            }
        }
        missing
    }
}

/// A JSON body whose string leaves may be variables.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    Value(serde_json::Value),
    Var(Var),
    Object(Vec<(&'static str, Json)>),
    Array(Vec<Json>),
}

impl Json {
    pub fn str(s: impl Into<String>) -> Json {
        Json::Value(serde_json::Value::String(s.into()))
    }

    pub fn bool(b: bool) -> Json {
        Json::Value(serde_json::Value::Bool(b))
    }

    /// Compact JSON text, variables inside their quotes.
    pub fn to_template(&self) -> Template {
        let mut t = Template::new(Context::Json);
        self.write(&mut t);
        t
    }

    fn write(&self, t: &mut Template) {
        let lit = |t: &mut Template, s: &str| t.push_lit(s);
        match self {
            Json::Value(v) => lit(t, &v.to_string()),
            Json::Var(var) => {
                lit(t, "\"");
                t.parts.push(Part::Var(*var));
                lit(t, "\"");
            }
            Json::Object(entries) => {
                lit(t, "{");
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        lit(t, ",");
                    }
                    lit(t, &serde_json::Value::String((*k).to_string()).to_string());
                    lit(t, ":");
                    v.write(t);
                }
                lit(t, "}");
            }
            Json::Array(items) => {
                lit(t, "[");
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        lit(t, ",");
                    }
                    v.write(t);
                }
                lit(t, "]");
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Reads state the plan depends on.
    Read,
    /// A read whose 404 or empty answer is an expected outcome ("not there yet"). Scripts
    /// leave probes out: they create idempotently instead.
    Probe,
    /// Changes the tenant.
    Write,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// Stable id, e.g. `app.create`.
    pub id: &'static str,
    pub purpose: Message,
    pub kind: Kind,
    pub method: Method,
    /// Relative to `<graph base>/v1.0`, starting with `/`.
    pub url: Template,
    /// Besides `Authorization`, which the executor adds.
    pub headers: Vec<(&'static str, String)>,
    pub body: Option<Json>,
    /// The delegated permission this app's sign-in needs for the request.
    pub scope: DelegatedScope,
    /// Requests with the same group may go in one `$batch`.
    pub batch: Option<&'static str>,
    pub captures: Vec<Capture>,
    /// How a script run a second time finds what this write made the first time (`None`: the
    /// write is safe to repeat as it is, or is meant to happen on every run).
    pub rerun: Option<Box<Rerun>>,
}

/// What an exported script does instead of repeating a create that would fail on a duplicate.
/// The app itself reads before it plans (`Observed`); a script cannot plan, so it checks at
/// run time.
#[derive(Clone, Debug, PartialEq)]
pub enum Rerun {
    /// Graph's upsert of the same object, sent instead of the create: it answers 204 without
    /// a body when the object already existed, and the script then reads it back.
    Upsert(Operation),
    /// The create is sent only when the read finds no entry with this key.
    Find(Find),
    /// As `Find`; an entry found instead gains the scopes of `add` (space-separated) that it
    /// lacks and loses those of `drop`, by a PATCH of its `scope` at `<create URL>/<id>`. Its
    /// other scopes are kept.
    MergeScopes { find: Find, add: String, drop: String },
}

/// A read of a collection (`value`), and the properties that identify the entry a create makes.
#[derive(Clone, Debug, PartialEq)]
pub struct Find {
    pub read: Operation,
    pub key: Vec<(&'static str, Part)>,
}

/// An operation as the dry run shows it: variables as `{name}`, nothing secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedactedOperation {
    pub id: &'static str,
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
    pub scope: &'static str,
}

impl Operation {
    /// Every variable the request needs.
    pub fn needs(&self) -> Vec<Var> {
        let mut out: Vec<Var> = self.url.vars().collect();
        if let Some(body) = &self.body {
            out.extend(body.to_template().vars());
        }
        out
    }

    pub fn body_template(&self) -> Option<Template> {
        self.body.as_ref().map(Json::to_template)
    }

    pub fn redacted(&self) -> RedactedOperation {
        let body = self.body_template().map(|t| {
            let shown = t.display();
            // Pretty when it parses (it does, variables sit inside quotes); redacted either way.
            match serde_json::from_str::<serde_json::Value>(&shown) {
                Ok(v) => serde_json::to_string_pretty(&super::redact::redact_json(&v)).unwrap_or(shown),
                Err(_) => shown,
            }
        });
        RedactedOperation {
            id: self.id,
            method: self.method.as_str(),
            url: format!("/v1.0{}", self.url.display()),
            headers: super::redact::redact_headers(self.headers.iter().map(|(k, v)| (*k, v.as_str()))),
            body,
            scope: self.scope.value(),
        }
    }
}

pub use crate::domain::url::percent_encode;

/// The inside of a JSON string literal.
pub fn json_escape(s: &str) -> String {
    let quoted = serde_json::Value::String(s.to_string()).to_string();
    quoted[1..quoted.len() - 1].to_string()
}

/// An OData string literal in a URL: `'` doubled, then percent-encoded, quotes included.
pub fn odata_string(s: &str) -> String {
    percent_encode(&format!("'{}'", s.replace('\'', "''")))
}

//! Reading an export file back into a `Setup`. The file may come from anywhere: it is
//! size-checked before parsing, its envelope (`format`, `version`) decides whether to read
//! on, and then every section is read in full so that all problems are listed at once.

use super::json::{Json, Number};
use super::reader::{describe, get, shown, Obj, Reader};
use super::{default_smtp_server, is_rfc3339, normalise_transaction_ids, FORMAT, MAX_IMPORT_BYTES, VERSION};
use crate::domain::field::Field;
use crate::domain::finding::{has_errors, Finding, Message};
use crate::domain::model::{CheckId, CheckStatus, Cloud, OutboundPolicy, PermissionProfile, Setup};

/// An accepted import. `notices` are warnings and information (unknown keys, missing keys,
/// ignored derived values, "this file holds a secret") to show next to the fields.
#[derive(Clone, PartialEq, Eq)]
pub struct Imported {
    pub setup: Setup,
    /// The file's client secret, when it has a non-empty one. Goes to `Secrets`, never to
    /// the autosaved `Setup`.
    pub client_secret: Option<String>,
    /// The file's `exported_at`; empty when the file has none or it is not RFC 3339.
    pub exported_at: String,
    pub notices: Vec<Finding>,
}

// Hand-written so the secret can never reach a log through `{:?}`.
impl std::fmt::Debug for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Imported")
            .field("setup", &self.setup)
            .field("client_secret", &self.client_secret.as_ref().map(|_| "[redacted]"))
            .field("exported_at", &self.exported_at)
            .field("notices", &self.notices)
            .finish()
    }
}

const ROOT_KEYS: [&str; 11] = [
    "format",
    "version",
    "exported_at",
    "webex_connect",
    "azure",
    "mailbox",
    "smtp",
    "oauth",
    "verification",
    "support",
    "doctor",
];

/// Reads an export file. `Err` holds every finding (errors and warnings) when anything
/// blocks the import; `Ok` carries the warnings as `notices`.
pub fn import_document(json: &str) -> Result<Imported, Vec<Finding>> {
    let entries = envelope(json).map_err(|m| vec![Finding::error(Field::ImportFile, m)])?;
    let mut r = Reader::default();
    let root = Obj::root(&entries);
    r.check_keys(&root, &ROOT_KEYS);
    let exported_at = read_exported_at(&mut r, &root);
    let (setup, client_secret) = read_setup(&mut r, &root);
    // The doctor's findings are recomputed from the values, never read back: any array is
    // accepted as it is; another type is worth the same warning as any derived value.
    r.derived(&root, "doctor", |j| matches!(j, Json::Array(_)));
    let findings = r.finish();
    if has_errors(&findings) {
        return Err(findings);
    }
    Ok(Imported { setup, client_secret, exported_at, notices: findings })
}

/// Size, syntax, `format` and `version`: a file failing any of these is not read further,
/// so exactly one finding explains why.
fn envelope(json: &str) -> Result<Vec<(String, Json)>, Message> {
    if json.len() > MAX_IMPORT_BYTES {
        return Err(Message::new("import.too_large")
            .with("size", json.len().to_string())
            .with("max", MAX_IMPORT_BYTES.to_string()));
    }
    // Windows editors save UTF-8 with a byte-order mark; JSON parsers reject it.
    let text = json.strip_prefix('\u{FEFF}').unwrap_or(json);
    if text.trim().is_empty() {
        return Err(Message::new("import.empty"));
    }
    let root = serde_json::from_str::<Json>(text).map_err(|e| syntax_message(text, &e))?;
    let Json::Object(entries) = root else {
        return Err(Message::new("import.not_an_object").with("found", root.type_name()));
    };
    match get(&entries, "format") {
        None => return Err(Message::new("import.format_missing")),
        Some(Json::String(f)) if f == FORMAT => {}
        Some(other) => return Err(Message::new("import.format_wrong").with("found", describe(other))),
    }
    let supported = VERSION.to_string();
    let version = match get(&entries, "version") {
        None => return Err(Message::new("import.version_missing")),
        Some(Json::Number(n)) => *n,
        Some(other) => return Err(Message::new("import.version_not_integer").with("found", describe(other))),
    };
    // serde_json reads integers beyond 64 bits as floats: still integers, just huge.
    let huge = |f: f64| f.is_finite() && f.fract() == 0.0 && f.abs() >= 9.0e18;
    let newer = match version {
        Number::Unsigned(v) if v == VERSION => return Ok(entries),
        Number::Unsigned(v) => v > VERSION,
        Number::Signed(_) => false,
        Number::Float(f) if huge(f) => f > 0.0,
        Number::Float(f) => return Err(Message::new("import.version_not_integer").with("found", f.to_string())),
    };
    let shown_version = describe(&Json::Number(version));
    let key = if newer { "import.version_newer" } else { "import.version_unknown" };
    Err(Message::new(key).with("version", shown_version).with("supported", supported))
}

/// Invalid JSON, with a position an editor shows: 1-based line, column in characters
/// (serde_json counts bytes, which is wrong for Japanese text).
fn syntax_message(text: &str, e: &serde_json::Error) -> Message {
    let line = e.line();
    let bytes = e.column();
    let column = text
        .split('\n')
        .nth(line.saturating_sub(1))
        .map_or(bytes, |l| l.char_indices().take_while(|(i, _)| *i < bytes).count());
    let key = if e.is_eof() { "import.truncated" } else { "import.invalid_json" };
    Message::new(key).with("line", line.to_string()).with("column", column.max(1).to_string())
}

fn read_exported_at(r: &mut Reader, root: &Obj<'_>) -> String {
    let value = r.text(root, "exported_at");
    if value.is_empty() || is_rfc3339(&value) {
        return value;
    }
    r.warning(Field::ImportFile, "import.exported_at_invalid", "exported_at", vec![("value", shown(&value))]);
    String::new()
}

fn names<T: Copy, const N: usize>(all: [T; N], name: fn(T) -> &'static str) -> [&'static str; N] {
    all.map(name)
}

fn read_setup(r: &mut Reader, root: &Obj<'_>) -> (Setup, Option<String>) {
    let mut s = Setup::default();
    let file = Field::ImportFile;

    let w =
        r.child(root, "webex_connect", &["app_name", "callback_url", "tenant", "region", "forwarding_address"], file);
    s.webex_connect.app_name = r.text(&w, "app_name");
    s.webex_connect.callback_url = r.text(&w, "callback_url");
    r.derived(&w, "tenant", is_string);
    r.derived(&w, "region", is_string);
    s.webex_connect.forwarding_address = r.text(&w, "forwarding_address");

    let a = r.child(
        root,
        "azure",
        &[
            "cloud",
            "tenant_id",
            "app_display_name",
            "client_id",
            "client_secret",
            "client_secret_expires",
            "permission_profile",
            "implicit_access_tokens",
            "redirect_uri",
        ],
        file,
    );
    s.azure.cloud = r.choice(&a, "cloud", Cloud::parse, &names(Cloud::ALL, Cloud::as_str));
    s.azure.tenant_id = r.text(&a, "tenant_id");
    s.azure.app_display_name = r.text(&a, "app_display_name");
    s.azure.client_id = r.text(&a, "client_id");
    let client_secret = r.optional_text(&a, "client_secret").filter(|s| !s.is_empty());
    if client_secret.is_some() {
        r.add(Finding::info(Field::AzureClientSecret, Message::new("import.contains_secret")));
    }
    s.azure.client_secret_expires = r.text(&a, "client_secret_expires");
    let profiles = names(PermissionProfile::ALL, PermissionProfile::as_str);
    s.azure.permission_profile = r.choice(&a, "permission_profile", PermissionProfile::parse, &profiles);
    r.derived(&a, "implicit_access_tokens", |j| matches!(j, Json::Bool(_)));
    r.derived(&a, "redirect_uri", is_string);

    let m = r.child(root, "mailbox", &["address", "user_principal_name", "outbound_policy"], file);
    s.mailbox.address = r.text(&m, "address");
    s.mailbox.user_principal_name = r.text(&m, "user_principal_name");
    let policies = names(OutboundPolicy::ALL, OutboundPolicy::as_str);
    s.mailbox.outbound_policy = r.choice(&m, "outbound_policy", OutboundPolicy::parse, &policies);

    // The file holds the values in effect; the model holds overrides, empty meaning "the
    // default". A value equal to the default is therefore no override.
    let smtp = r.child(root, "smtp", &["server", "port", "security", "username"], file);
    let server = r.text(&smtp, "server");
    let username = r.text(&smtp, "username");
    s.smtp.server = if server == default_smtp_server(s.azure.cloud) { String::new() } else { server };
    s.smtp.username = if username == s.mailbox.user_principal_name { String::new() } else { username };
    r.derived(&smtp, "port", |j| matches!(j, Json::Number(Number::Unsigned(p)) if *p <= 65_535));
    r.derived(&smtp, "security", is_string);

    let o = r.child(root, "oauth", &["authorization_url", "token_url", "refresh_token_url", "scope", "login_id"], file);
    for key in ["authorization_url", "token_url", "refresh_token_url", "scope"] {
        r.derived(&o, key, is_string);
    }
    s.oauth.login_id = r.text(&o, "login_id");

    read_verification(r, root, &mut s);

    let sup = r.child(root, "support", &["asset_id", "transaction_ids", "notes"], file);
    s.support.asset_id = r.text(&sup, "asset_id");
    s.support.transaction_ids = read_transaction_ids(r, &sup);
    s.support.notes = r.text(&sup, "notes");
    (s, client_secret)
}

fn is_string(j: &Json) -> bool {
    matches!(j, Json::String(_))
}

fn read_verification(r: &mut Reader, root: &Obj<'_>, s: &mut Setup) {
    let field = Field::VerificationChecks;
    let ids = names(CheckId::ALL, CheckId::as_str);
    let v = r.child(root, "verification", &ids, field);
    let statuses = names(CheckStatus::ALL, CheckStatus::as_str);
    for id in CheckId::ALL {
        let check = r.child(&v, id.as_str(), &["status", "time"], field);
        let result = s.verification.get_mut(id);
        result.status = r.choice(&check, "status", CheckStatus::parse, &statuses);
        let time = r.text(&check, "time");
        if time.is_empty() || is_rfc3339(&time) {
            result.time = time;
        } else {
            r.error(field, "import.time_invalid", &check.path_of("time"), vec![("value", shown(&time))]);
        }
    }
}

/// An array of strings in the file; one id per line in the model.
fn read_transaction_ids(r: &mut Reader, sup: &Obj<'_>) -> String {
    let path = sup.path_of("transaction_ids");
    let field = Field::SupportTransactionIds;
    match sup.get("transaction_ids") {
        None => {
            r.missing(sup, field, &path);
            String::new()
        }
        Some(Json::Array(items)) => {
            let mut ids = Vec::new();
            for (i, item) in items.iter().enumerate() {
                if let Some(id) = r.string_value(item, field, &format!("{path}[{i}]")) {
                    ids.push(id);
                }
            }
            // An item holding several lines or padding would not survive the next export
            // unchanged: normalise now, so what the admin sees is what gets exported.
            normalise_transaction_ids(&ids.join("\n"))
        }
        Some(other) => {
            r.error(field, "import.expected_array", &path, vec![("found", describe(other))]);
            String::new()
        }
    }
}

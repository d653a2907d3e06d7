//! The session API for actions that call Graph: `token_for` (is the session good for this
//! action?) and `acquire` (get it, in a popup). Decisions are `domain::signin::session`'s.

use std::cell::{Cell, RefCell};
use std::future::Future;

use leptos::prelude::*;

use super::{now_ms, status, Status};
use crate::domain::config::DEFAULT_GRAPH_BASE_URL;
use crate::domain::graph::Action;
use crate::domain::signin::{
    check_return, covers, needed, parse_return, popup_state, redirect_uri, scopes_for, scopes_to_request,
    tenant_segment, Needed, SignInError, SignedIn,
};
use crate::platform::{location, oauth, oauth_popup};
use crate::ui::state::AppState;

thread_local! {
    /// The app state, for calls from event handlers that run without a reactive owner.
    static APP: Cell<Option<AppState>> = const { Cell::new(None) };
    /// The sign-in window in flight, if any.
    static POPUP: RefCell<Option<web_sys::Window>> = const { RefCell::new(None) };
}

/// Keeps the app state for calls from event handlers (the app does this when it starts).
pub fn remember(state: AppState) {
    APP.with(|c| c.set(Some(state)));
}

fn app() -> Option<AppState> {
    match use_context::<AppState>() {
        Some(s) => {
            remember(s);
            Some(s)
        }
        None => APP.with(Cell::get),
    }
}

fn graph_resource() -> String {
    app()
        .map(|a| a.config.with_untracked(|c| c.config().graph_resource().to_string()))
        .unwrap_or_else(|| DEFAULT_GRAPH_BASE_URL.to_string())
}

fn session() -> Option<SignedIn> {
    status().with(|s| match s {
        Status::SignedIn(s) => Some(s.clone()),
        _ => None,
    })
}

/// The current access token when the session covers `action`'s scopes (`signin::scopes_for`)
/// and is not expired (with a 60 s margin); otherwise what is needed. Tracks the session
/// signal, so a view calling it follows sign-ins.
pub fn token_for(action: Action) -> Result<oauth2::AccessToken, Needed> {
    let session = session();
    match needed(session.as_ref(), &scopes_for(action, &graph_resource()), now_ms()) {
        None => session.map(|s| s.access_token).ok_or(Needed::SignIn),
        Some(n) => Err(n),
    }
}

/// Graph refused the current token (expired early, revoked): it counts as expired, so the
/// next `acquire` signs in again instead of handing it back.
pub fn token_refused() {
    status().update(|s| {
        if let Status::SignedIn(s) = s {
            s.expires_at_ms = Some(0);
        }
    });
}

/// Everything a request needs but the state and scopes.
struct Settings {
    authority: String,
    tenant: String,
    client_id: String,
    redirect_uri: String,
    graph_resource: String,
}

fn settings() -> Result<Settings, SignInError> {
    let app = app().ok_or(SignInError::InvalidSetting { what: "client_id" })?;
    let config = app.config.with_untracked(|c| c.config());
    let client_id = config.client_id.clone().ok_or(SignInError::InvalidSetting { what: "client_id" })?;
    Ok(Settings {
        tenant: app.setup.with_untracked(|s| tenant_segment(&s.azure.tenant_id)),
        redirect_uri: redirect_uri(config.redirect_uri.as_deref(), &location::resolve("./")),
        graph_resource: config.graph_resource().to_string(),
        authority: config.authority,
        client_id,
    })
}

/// One popup round: the window already open, and what to ask for.
struct Round {
    popup: web_sys::Window,
    settings: Settings,
    scopes: Vec<String>,
    login_hint: Option<String>,
}

/// The synchronous part of `acquire`: `None` when nothing is needed.
fn begin(action: Action) -> Result<Option<Round>, SignInError> {
    let mut settings = settings()?;
    let wanted = scopes_for(action, &settings.graph_resource);
    let current = status().with_untracked(|s| match s {
        Status::SignedIn(s) => Some(s.clone()),
        _ => None,
    });
    if needed(current.as_ref(), &wanted, now_ms()).is_none() {
        return Ok(None);
    }
    if let Some(open) = POPUP.with(|p| p.borrow().clone()).filter(oauth_popup::is_open) {
        oauth_popup::focus(&open);
        return Err(SignInError::PopupBusy);
    }
    let popup = oauth_popup::open()?;
    POPUP.with(|p| *p.borrow_mut() = Some(popup.clone()));
    // Same account and tenant as the session, and what it already holds for this resource.
    if let Some(tenant) = current.as_ref().and_then(|s| s.tenant.clone()) {
        settings.tenant = tenant;
    }
    let granted = current.as_ref().map(|s| s.scopes.clone()).unwrap_or_default();
    Ok(Some(Round {
        popup,
        settings,
        scopes: scopes_to_request(&granted, &wanted),
        login_hint: current.and_then(|s| s.account),
    }))
}

async fn run(round: &Round) -> Result<(), SignInError> {
    let s = &round.settings;
    let start = oauth::Start {
        authority: &s.authority,
        tenant: &s.tenant,
        client_id: &s.client_id,
        redirect_uri: &s.redirect_uri,
        scopes: &round.scopes,
        login_hint: round.login_hint.as_deref(),
    };
    // The round trip stays in this function's memory: never in storage, never in the popup.
    let (url, pending) = oauth::prepare(&start, popup_state(&oauth::random_state()?)).await?;
    oauth_popup::navigate(&round.popup, &url)?;
    let search = oauth_popup::wait(&round.popup).await?;
    let returned = parse_return(&search).ok_or(SignInError::StateMismatch)?;
    let code = check_return(returned, Some(&pending))?;
    let response = oauth::redeem(code, &pending).await?;
    let signed_in = SignedIn::from_response(&response, &pending.scopes, now_ms());
    let granted_all = covers(&signed_in.scopes, &round.scopes);
    status().set(Status::SignedIn(signed_in));
    if granted_all {
        Ok(())
    } else {
        Err(SignInError::NotGranted)
    }
}

/// Call SYNCHRONOUSLY from a click handler (popup blockers): asks the authorization server for
/// `action`'s scopes (incremental consent; same account and tenant as the session, plus the
/// scopes it already holds for that resource) in a popup window, so this page's memory (a
/// client secret just created, a run half done, typed values) is kept. Resolves when the
/// session covers the action. Errors: `PopupBlocked` (say to allow popups for this site and
/// offer `RedirectFallback`), `PopupClosed`, `PopupBusy` (the open window is focused),
/// `StateMismatch`, `Server` (e.g. access_denied), `NotGranted`, ...
pub fn acquire(action: Action) -> impl Future<Output = Result<(), SignInError>> {
    let begun = begin(action);
    async move {
        let Some(round) = begun? else { return Ok(()) };
        let result = run(&round).await;
        oauth_popup::close(&round.popup);
        POPUP.with(|p| *p.borrow_mut() = None);
        result
    }
}

/// Runs `then` once the session covers `action`: at once, or after a sign-in in a popup (call
/// it inside the click: `acquire` opens the window there). `problem` gets the reason when the
/// sign-in does not happen, and is cleared when it does.
pub fn with_session(action: Action, problem: RwSignal<Option<SignInError>>, then: impl FnOnce() + 'static) {
    let signing_in = acquire(action);
    leptos::task::spawn_local(async move {
        match signing_in.await {
            Ok(()) => {
                problem.set(None);
                then();
            }
            Err(e) => problem.set(Some(e)),
        }
    });
}

/// The full-page redirect for `action` (the first sign-in, or when popups are blocked): this
/// page is left, so values held only in memory are lost; typed values come back from autosave.
pub fn sign_in_full_page(action: Action) {
    // Never in a portal's frame: the UI offers the popup there, and this would navigate the frame.
    if crate::platform::hosting::framed() {
        return;
    }
    let Ok(settings) = settings() else { return };
    let wanted = scopes_for(action, &settings.graph_resource);
    let granted = status().with_untracked(|s| match s {
        Status::SignedIn(s) => s.scopes.clone(),
        _ => Vec::new(),
    });
    let scopes = scopes_to_request(&granted, &wanted);
    let status = status();
    status.set(Status::Starting);
    leptos::task::spawn_local(async move {
        let started = oauth::start(oauth::Start {
            authority: &settings.authority,
            tenant: &settings.tenant,
            client_id: &settings.client_id,
            redirect_uri: &settings.redirect_uri,
            scopes: &scopes,
            login_hint: None,
        })
        .await;
        if let Err(e) = started {
            status.set(Status::Failed(e));
        }
    });
}

//! Focus for a link that lands inside another step: that step may still be loading (the later
//! steps are a module of their own, see steps/lazy.rs), so the target is looked for once a frame
//! until it is there, for a few seconds at most.

use leptos::prelude::request_animation_frame;

use crate::platform::location;

/// About five seconds at 60 frames a second; a step still loading by then shows its own state.
const FRAMES: u32 = 300;

pub fn focus_when_shown(id: impl Into<String>) {
    look(id.into(), FRAMES);
}

fn look(id: String, frames_left: u32) {
    request_animation_frame(move || {
        if !location::focus_id(&id) && frames_left > 0 {
            look(id, frames_left - 1);
        }
    });
}

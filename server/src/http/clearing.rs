//! Clears what is kept once a request that changed it has been answered: the request runs
//! under the service's write watch (`service::cache::writes`), which bumps the caches'
//! generation when the request wrote something kept. Its method, path and status do not
//! matter: a refused, unknown or read-only request writes nothing, so it clears nothing.
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::state::AppState;

pub async fn after_writes(State(state): State<AppState>, req: Request, next: Next) -> Response {
    state.services.writes.track(next.run(req)).await
}

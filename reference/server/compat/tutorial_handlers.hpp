#pragma once
// The operations of --compat fastapi that answer what the FastAPI security tutorials answer
// (routes.cpp's fastapi table names them). As in route_handlers.hpp, the router has already
// authenticated the caller and checked the declared role and scopes.
#include <httplib.h>

#include "reference/server/authenticate.hpp"
#include "reference/server/server_state.hpp"

namespace authprobe::server::handlers {

// GET /users/me/: the tutorials' User model, {"username","email","full_name","disabled"}.
void tutorial_user(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
// GET /users/me/items/: [{"item_id": "Foo", "owner": <username>}].
void tutorial_items(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
// GET /admin: the RBAC tutorial's {"msg": "Welcome Admin"}.
void tutorial_admin(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
// GET /profile: the HTTP Basic tutorial's {"message": "Hello, <username>!"}.
void tutorial_profile(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);

}  // namespace authprobe::server::handlers

#pragma once
// One function per operation of the route table (routes.hpp). The router has already
// authenticated the caller and checked the role and scope the table declares; a handler gets
// the caller (nullptr on open operations) and makes only the decisions that depend on the
// request itself (whose record).
#include <httplib.h>

#include "reference/server/authenticate.hpp"
#include "reference/server/server_state.hpp"

namespace authprobe::server::handlers {

void self_description(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void openapi(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void docs(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void console_accounts(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void expired_token(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void health(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void token(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void jwks(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void profile(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void users_me(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void admin(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void list_todos(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void add_todo(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);
void user_record(ServerState& state, const httplib::Request& request, httplib::Response& response, const Principal* caller);

}  // namespace authprobe::server::handlers

#pragma once
// One function per resource; each authenticates first, then authorizes, then answers.
#include <httplib.h>

#include "reference/server/server_state.hpp"

namespace authprobe::server::handlers {

void health(ServerState& state, const httplib::Request& request, httplib::Response& response);
void token(ServerState& state, const httplib::Request& request, httplib::Response& response);
void jwks(ServerState& state, const httplib::Request& request, httplib::Response& response);
void profile(ServerState& state, const httplib::Request& request, httplib::Response& response);
void users_me(ServerState& state, const httplib::Request& request, httplib::Response& response);
void admin(ServerState& state, const httplib::Request& request, httplib::Response& response);
void list_todos(ServerState& state, const httplib::Request& request, httplib::Response& response);
void add_todo(ServerState& state, const httplib::Request& request, httplib::Response& response);
void user_record(ServerState& state, const httplib::Request& request, httplib::Response& response);

}  // namespace authprobe::server::handlers

"""The FastAPI security tutorials as one running app, on Debian's FastAPI 0.92 (pydantic 1):
the yardstick `--compat fastapi` is held to (see README.md beside this file). It is written
here, not copied: it reproduces the flows the tutorials teach, with their users and phrases.

  POST /token          OAuth2PasswordRequestForm, no client authentication; a bad password is
                       401 "Incorrect username or password" with `WWW-Authenticate: Bearer`
                       (the OAuth2 + JWT tutorial); the token carries the requested scopes
  GET  /users/me/      the user object; needs scope "me" (the scopes tutorial); a disabled user
                       gets 400 "Inactive user"
  GET  /users/me/items/  needs "items" on top of "me": 401 "Not enough permissions" with
                       `WWW-Authenticate: Bearer scope="items me"` when the token lacks one
  GET  /admin          role admin, else 403 "Not enough permissions" (the RBAC tutorial)
  GET  /profile        HTTP Basic (the Basic tutorial): 401 with `WWW-Authenticate: Basic`
  every response       X-Process-Time, the middleware tutorial's timing header

Run: /usr/bin/python3 fastapi_tutorial_app.py -- binds 127.0.0.1 on a port the kernel picks
and prints `PORT <n>` once it listens.
"""
import datetime
import secrets
import socket
import sys
import time
from typing import Union

import jwt
import uvicorn
from fastapi import Depends, FastAPI, HTTPException, Request, Security, status
from fastapi.security import (HTTPBasic, HTTPBasicCredentials, OAuth2PasswordBearer,
                              OAuth2PasswordRequestForm, SecurityScopes)
from passlib.context import CryptContext
from pydantic import BaseModel

# A fresh key per start: nothing outside this process ever holds a token it issued.
SIGNING_KEY = secrets.token_hex(32)
ALGORITHM = "HS256"
TOKEN_LIFETIME = datetime.timedelta(minutes=15)

hasher = CryptContext(schemes=["bcrypt"], deprecated="auto", bcrypt__rounds=10)

# The tutorials' users (johndoe, and alice who is disabled) and an administrator for the RBAC
# route. The passwords are published test credentials (fixtures/README.md).
ACCOUNTS = {
    "johndoe": {"password": "secret", "full_name": "John Doe", "email": "johndoe@example.com",
                "disabled": False, "role": "user"},
    "alice": {"password": "secret2", "full_name": "Alice Chains", "email": "alicechains@example.com",
              "disabled": True, "role": "user"},
    "bob": {"password": "bob-the-builder-can-we-fix-it-yes-we-can-0123456789-abcdefghijkl",
            "full_name": None, "email": None, "disabled": False, "role": "admin"},
}
USERS = {name: dict(entry, username=name, hashed_password=hasher.hash(entry["password"]))
         for name, entry in ACCOUNTS.items()}


class User(BaseModel):
    username: str
    email: Union[str, None] = None
    full_name: Union[str, None] = None
    disabled: Union[bool, None] = None


app = FastAPI()
bearer = OAuth2PasswordBearer(tokenUrl="token",
                              scopes={"me": "Read information about the current user.", "items": "Read items."})
basic = HTTPBasic()


@app.middleware("http")
async def process_time(request: Request, call_next):
    started = time.perf_counter()
    response = await call_next(request)
    response.headers["X-Process-Time"] = str(time.perf_counter() - started)
    return response


def user_with_password(username: str, password: str):
    user = USERS.get(username)
    if user is None or not hasher.verify(password, user["hashed_password"]):
        return None
    return user


async def current_user(security_scopes: SecurityScopes, token: str = Depends(bearer)):
    challenge = f'Bearer scope="{security_scopes.scope_str}"' if security_scopes.scopes else "Bearer"
    refused = HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Could not validate credentials",
                            headers={"WWW-Authenticate": challenge})
    try:
        claims = jwt.decode(token, SIGNING_KEY, algorithms=[ALGORITHM])
    except jwt.InvalidTokenError:
        raise refused
    user = USERS.get(claims.get("sub"))
    if user is None:
        raise refused
    granted = claims.get("scope", "").split(" ")
    for needed in security_scopes.scopes:
        if needed not in granted:
            raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Not enough permissions",
                                headers={"WWW-Authenticate": challenge})
    return user


async def active_user(user=Security(current_user, scopes=["me"])):
    if user["disabled"]:
        raise HTTPException(status_code=400, detail="Inactive user")
    return user


def require_role(role: str):
    async def role_checker(user=Depends(current_user)):
        if user["role"] != role:
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not enough permissions")
        return user
    return role_checker


@app.post("/token")
async def login(form: OAuth2PasswordRequestForm = Depends()):
    user = user_with_password(form.username, form.password)
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Incorrect username or password",
                            headers={"WWW-Authenticate": "Bearer"})
    expires = datetime.datetime.now(datetime.timezone.utc) + TOKEN_LIFETIME
    token = jwt.encode({"sub": user["username"], "scope": " ".join(form.scopes), "exp": expires}, SIGNING_KEY,
                       algorithm=ALGORITHM)
    return {"access_token": token, "token_type": "bearer"}


@app.get("/users/me/", response_model=User)
async def read_me(user=Depends(active_user)):
    return user


@app.get("/users/me/items/")
async def read_my_items(user=Security(active_user, scopes=["items"])):
    return [{"item_id": "Foo", "owner": user["username"]}]


@app.get("/admin")
async def read_admin(user=Depends(require_role("admin"))):
    return {"msg": "Welcome Admin"}


@app.get("/profile")
def read_profile(credentials: HTTPBasicCredentials = Depends(basic)):
    user = user_with_password(credentials.username, credentials.password)
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Incorrect username or password",
                            headers={"WWW-Authenticate": "Basic"})
    return {"message": f"Hello, {user['username']}!"}


def main() -> int:
    # Bind here, not in uvicorn, so the kernel's port choice is known before anyone connects.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    uvicorn.Server(uvicorn.Config(app, log_level="warning")).run(sockets=[listener])
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A small FastAPI service built the way the FastAPI security tutorials teach, for the
third-party conformance test (see README.md). Nothing here is tuned to the suite: it is the
ordinary stack (Debian's python3-fastapi 0.92, uvicorn, PyJWT, passlib bcrypt,
python3-multipart) wired the ordinary way, so the suite is judged on behaviour we did not write.

Flows: POST /token takes an OAuth2PasswordRequestForm and answers an HS256 JWT carrying `sub`
and `exp`; GET /users/me/ serves any valid token of an enabled user (a disabled user gets 400
"Inactive user"); GET /admin needs the role `admin` (403 "Not enough permissions" otherwise).
CORS is open to every origin with credentials allowed, as a popular tutorial configures it.

Run: /usr/bin/python3 fastapi_app.py  -- binds 127.0.0.1 on a port the kernel picks and prints
`PORT <n>` on stdout once it listens.
"""
import datetime
import socket
import sys

import jwt
import uvicorn
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.security import OAuth2PasswordBearer, OAuth2PasswordRequestForm
from passlib.context import CryptContext

# The HMAC key, used as raw text the way these apps use it (not decoded from hex). The target
# profile carries its base64url form so the suite's [K] checks can mint tokens with it.
SIGNING_KEY = "5c0d8f2e9a7b41c6b3e8d7f0a2c4e6f81b3d5f7092a4c6e8f0b2d4f6a8c0e2d4"
ALGORITHM = "HS256"
TOKEN_LIFETIME = datetime.timedelta(minutes=15)

# bcrypt at cost 10 (the ASVS floor) keeps the suite's many logins quick on a shared machine.
hasher = CryptContext(schemes=["bcrypt"], deprecated="auto", bcrypt__rounds=10)

# The user table. Passwords are only here to be hashed; the profile gives them to the suite.
ACCOUNTS = {
    "alice": {"password": "wonderland-42", "role": "user", "disabled": False},
    "bob": {"password": "builder-of-things-7", "role": "admin", "disabled": False},
    "carol": {"password": "carol-is-disabled", "role": "user", "disabled": True},
}
USERS = {
    name: {"username": name, "hashed_password": hasher.hash(entry["password"]),
           "role": entry["role"], "disabled": entry["disabled"]}
    for name, entry in ACCOUNTS.items()
}

app = FastAPI(title="thirdparty-fastapi")
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True,
                   allow_methods=["*"], allow_headers=["*"])

bearer = OAuth2PasswordBearer(tokenUrl="token")


def check_password(username: str, password: str):
    user = USERS.get(username)
    if user is None or not hasher.verify(password, user["hashed_password"]):
        return None
    return user


def issue_token(username: str) -> str:
    expires = datetime.datetime.now(datetime.timezone.utc) + TOKEN_LIFETIME
    return jwt.encode({"sub": username, "exp": expires}, SIGNING_KEY, algorithm=ALGORITHM)


async def current_user(token: str = Depends(bearer)):
    refused = HTTPException(status_code=status.HTTP_401_UNAUTHORIZED,
                            detail="Could not validate credentials",
                            headers={"WWW-Authenticate": "Bearer"})
    try:
        claims = jwt.decode(token, SIGNING_KEY, algorithms=[ALGORITHM])
    except jwt.InvalidTokenError:
        raise refused
    user = USERS.get(claims.get("sub"))
    if user is None:
        raise refused
    return user


async def active_user(user=Depends(current_user)):
    if user["disabled"]:
        raise HTTPException(status_code=400, detail="Inactive user")
    return user


async def admin_user(user=Depends(active_user)):
    if user["role"] != "admin":
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not enough permissions")
    return user


@app.post("/token")
async def login(form: OAuth2PasswordRequestForm = Depends()):
    user = check_password(form.username, form.password)
    if user is None:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED,
                            detail="Incorrect username or password",
                            headers={"WWW-Authenticate": "Bearer"})
    return {"access_token": issue_token(user["username"]), "token_type": "bearer"}


@app.get("/users/me/")
async def read_me(user=Depends(active_user)):
    return {"username": user["username"], "role": user["role"]}


@app.get("/admin")
async def read_admin(user=Depends(admin_user)):
    return {"admin": True, "username": user["username"]}


def main() -> int:
    # Bind here, not in uvicorn, so the kernel's port choice is known before anyone connects.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print(f"PORT {listener.getsockname()[1]}", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listener])
    return 0


if __name__ == "__main__":
    sys.exit(main())

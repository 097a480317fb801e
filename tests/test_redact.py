from __future__ import annotations

from doctor.render.redact import redact, redact_secrets, redact_text


def test_token_like_variables_are_hidden() -> None:
    env = {
        "HF_TOKEN": "hf_abc",
        "AWS_SECRET_ACCESS_KEY": "s",
        "GITHUB_API_KEY": "k",
        "MY_PASSWORD": "p",
        "PATH": "/usr/bin",
    }
    out = redact({"env": env}, home="/home/u")
    assert out["env"]["HF_TOKEN"] == "***"
    assert out["env"]["AWS_SECRET_ACCESS_KEY"] == "***"
    assert out["env"]["GITHUB_API_KEY"] == "***"
    assert out["env"]["MY_PASSWORD"] == "***"
    assert out["env"]["PATH"] == "/usr/bin"


def test_proxy_credentials_are_hidden() -> None:
    assert (
        redact_text("http://alice:s3cret@proxy.corp:3128", home="/h")
        == "http://***@proxy.corp:3128"
    )
    assert redact_text("https://token@host/x", home="/h") == "https://***@host/x"


def test_home_directory_shown_as_tilde_but_not_prefix_of_other_names() -> None:
    assert redact_text("/home/u/venv/bin/python3", home="/home/u") == "~/venv/bin/python3"
    assert redact_text("/home/user2/x", home="/home/u") == "/home/user2/x"


def test_a_folder_named_like_home_inside_another_path_is_not_home() -> None:
    """A home of /root: /opt/rh/devtoolset-11/root/usr is a path of its own, shown whole."""
    line = "/opt/rh/devtoolset-11/root/usr/libexec/gcc/ld: ../lib/x.so: undefined reference"
    assert redact_text(line, home="/root") == line
    assert redact_text("cd /root/k2 && PYTHONPATH=/root/k2/b", home="/root") == (
        "cd ~/k2 && PYTHONPATH=~/k2/b"
    )


def test_a_path_whose_folder_or_file_is_named_like_a_secret_is_shown_whole() -> None:
    """/etc/passwd and a folder called token=abc are paths, not assignments: a printed command
    holding them must still work, and the words after them must stay."""
    for text in (
        "error: --icefall /etc/passwd: no such directory",
        "icefall checkout /tmp/red/token=abc/icefall",
        r"C:\data\password=1\icefall",
    ):
        assert redact_secrets(text) == text
    assert (
        redact_secrets("password: hunter22 and api_key=abc123") == "password: *** and api_key=***"
    )

"""What the tests and the benchmarks both drive: the site under real gunicorn, Debian's
Chromium, and many patients sending the appointment form at once.

`tests/` and `bench/` import from here and never from each other.

- `harness.server`: the site in production mode on loopback (`site_environment`,
  `Gunicorn`, `free_port`, `manage`); tests' servers take a free port from
  HARNESS_PORTS ("8450-8499" unless set).
- `harness.chromium`: the Chromium binary and the flags every run starts it with.
- `harness.registration_load`: concurrent form submissions, each with its own signed
  form stamp.
"""

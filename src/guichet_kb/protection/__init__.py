"""HTTP protections shared by every service: who the client is (trusted proxies
only) and cross-site request forgery on cookie-authenticated REST writes."""

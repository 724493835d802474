// Public entry of @smartserver-licensing/cli.
export {};

package dev.quarry.openai;

/** How a deployment is addressed: Azure OpenAI (resource URL, api-version, deployment paths) or an OpenAI-compatible base URL. */
public enum ApiKind { AZURE, OPENAI }

package dev.quarry.openai;

/** How a deployment is addressed: Azure OpenAI (resource URL, api-version, deployment paths) or an OpenAI-compatible base URL. */
public enum ApiKind {
    AZURE, OPENAI;

    /** The environment variable that holds the key unless a deployment names another, as each vendor's SDK reads it. */
    public String defaultKeyVariable() {
        return this == AZURE ? "AZURE_OPENAI_API_KEY" : "OPENAI_API_KEY";
    }
}

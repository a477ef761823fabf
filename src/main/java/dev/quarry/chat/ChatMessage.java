package dev.quarry.chat;

/** One turn of a conversation: {@code role} is user or assistant. */
public record ChatMessage(String role, String content) {

    public ChatMessage {
        if (!"user".equals(role) && !"assistant".equals(role)) {
            throw new IllegalArgumentException("role must be user or assistant, got '" + role + "'");
        }
        if (content == null || content.isBlank()) throw new IllegalArgumentException("content must not be empty");
    }
}

import { gql, type TypedDocumentNode } from '@apollo/client';

export interface ChatMessage {
  id: string;
  role: 'USER' | 'ASSISTANT';
  content: string;
  status: 'STREAMING' | 'COMPLETE' | 'FAILED';
  provider: string | null;
  model: string | null;
  error: string | null;
  createdAt: string;
}

export interface ChatSession {
  id: string;
  createdAt: string;
  createdBy: string;
  messages: ChatMessage[];
}

const MESSAGE_FIELDS = gql`
  fragment ChatMessageFields on ChatMessage {
    id
    role
    content
    status
    provider
    model
    error
    createdAt
  }
`;

export const CHAT_INCIDENT: TypedDocumentNode<
  { incident: { id: string; number: number; title: string; chatSessions: Array<{ id: string; createdAt: string; createdBy: string }> } | null },
  { id: string }
> = gql`
  query ChatIncident($id: ID!) {
    incident(id: $id) {
      id
      number
      title
      chatSessions {
        id
        createdAt
        createdBy
      }
    }
  }
`;

export const CHAT_SESSION: TypedDocumentNode<{ chatSession: ChatSession | null }, { id: string }> = gql`
  query ChatSession($id: ID!) {
    chatSession(id: $id) {
      id
      createdAt
      createdBy
      messages {
        ...ChatMessageFields
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

export const ASK_ASSISTANT: TypedDocumentNode<
  { askAssistant: { session: ChatSession; question: ChatMessage; answer: ChatMessage } },
  { incidentId: string; question: string; sessionId: string | null }
> = gql`
  mutation ChatAskAssistant($incidentId: ID!, $question: String!, $sessionId: ID) {
    askAssistant(incidentId: $incidentId, question: $question, sessionId: $sessionId) {
      session {
        id
        createdAt
        createdBy
        messages {
          ...ChatMessageFields
        }
      }
      question {
        ...ChatMessageFields
      }
      answer {
        ...ChatMessageFields
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

export interface ChatStreamEvent {
  seq: number;
  delta: string;
  done: boolean;
  message: ChatMessage;
}

export const CHAT_MESSAGE_STREAM: TypedDocumentNode<{ chatMessageStream: ChatStreamEvent }, { messageId: string }> = gql`
  subscription ChatMessageStream($messageId: ID!) {
    chatMessageStream(messageId: $messageId) {
      seq
      delta
      done
      message {
        ...ChatMessageFields
      }
    }
  }
  ${MESSAGE_FIELDS}
`;

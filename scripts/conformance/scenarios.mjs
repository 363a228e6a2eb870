// Which of the referee's server scenarios apply to this server (docs/mcp-surface.md#conformance
// says why). A scenario applies when it exercises what every MCP server offers (the handshake,
// sessions, lists, subscriptions, HTTP hygiene) through our own tools, prompts and resources. The
// others call fixtures of the SDK's test server (tools such as test_image_content, prompts such as
// test_simple_prompt, resources under test://) that a video letter server has no reason to carry;
// run against us they only measure that the fixture is absent.

/** Scenarios run against our server, at each era the referee applies them to. */
export const APPLIES = [
  'server-initialize',
  'server-session-lifecycle',
  'server-stateless',
  'logging-set-level',
  'ping',
  'tools-list',
  'server-sse-multiple-streams',
  'resources-list',
  'resources-subscribe',
  'resources-unsubscribe',
  'sep-2164-resource-not-found',
  'prompts-list',
  'dns-rebinding-protection',
  'caching',
  'http-header-validation',
  'input-required-result-unsupported-methods',
];

const TEST_TOOL = 'calls a tool of the SDK test server';

/** Scenarios that do not apply, each with what it needs that this server does not have. */
export const DOES_NOT_APPLY = {
  'completion-complete': 'completes an argument of the prompt test_prompt_with_arguments',
  'tools-call-simple-text': `${TEST_TOOL} (test_simple_text)`,
  'tools-call-image': `${TEST_TOOL} (test_image_content)`,
  'tools-call-audio': `${TEST_TOOL} (test_audio_content)`,
  'tools-call-embedded-resource': `${TEST_TOOL} (test_embedded_resource)`,
  'tools-call-mixed-content': `${TEST_TOOL} (test_multiple_content_types)`,
  'tools-call-with-logging': `${TEST_TOOL} (test_tool_with_logging)`,
  'tools-call-error': `${TEST_TOOL} (test_error_handling)`,
  'tools-call-with-progress': `${TEST_TOOL} (test_tool_with_progress)`,
  'tools-call-sampling': `${TEST_TOOL} that asks the client for sampling (test_sampling)`,
  'tools-call-elicitation': `${TEST_TOOL} that asks the client for input (test_elicitation)`,
  'json-schema-2020-12': 'lists the tool json_schema_2020_12_tool',
  'elicitation-sep1034-defaults': `${TEST_TOOL} (test_elicitation_sep1034_defaults)`,
  'elicitation-sep1330-enums': `${TEST_TOOL} (test_elicitation_sep1330_enums)`,
  'server-sse-polling': `${TEST_TOOL} (test_reconnection) and SSE resumability`,
  'resources-read-text': 'reads the resource test://static-text',
  'resources-read-binary': 'reads the resource test://static-binary',
  'resources-templates-read': 'reads the resource template test://template/{id}/data',
  'prompts-get-simple': 'gets the prompt test_simple_prompt',
  'prompts-get-with-args': 'gets the prompt test_prompt_with_arguments',
  'prompts-get-embedded-resource': 'gets the prompt test_prompt_with_embedded_resource',
  'prompts-get-with-image': 'gets the prompt test_prompt_with_image',
  'http-custom-header-server-validation': 'needs a tool with an x-mcp-header parameter; none of ours has one',
  ...Object.fromEntries(
    [
      'lifecycle',
      'capability-negotiation',
      'wire-fields',
      'request-state-removal',
      'mrtr-input',
      'request-headers',
      'dispatch-and-envelope',
      'status-notifications',
      'required-task-error',
      'mrtr-composition',
    ].map((name) => [`tasks-${name}`, 'calls the tasks fixtures of the SDK test server (greet, slow_compute, …)']),
  ),
  ...Object.fromEntries(
    [
      'basic-elicitation',
      'basic-sampling',
      'basic-list-roots',
      'request-state',
      'multiple-input-requests',
      'multi-round',
      'missing-input-response',
      'non-tool-request',
      'result-type',
      'tampered-state',
      'capability-check',
      'ignore-extra-params',
      'validate-input',
    ].map((name) => [`input-required-result-${name}`, `${TEST_TOOL} or prompt (test_input_required_result_…)`]),
  ),
};

using System.Net;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using Microsoft.Extensions.AI;
using Perstack.Core.Domain.Messages;
using Perstack.Core.Secrets;

namespace Perstack.Tests.Core.Secrets;

/// <summary>The redactor finds a secret in every form an exfiltrating tool could print it in, and nothing else.</summary>
public sealed class SecretRedactorTests
{
    private const string Key = "sk-ant-api03-Zq+8/x\"y~z 7f3a9c1e5b2d";
    private const string Marker = "[REDACTED:ANTHROPIC_API_KEY]";
    private static readonly SecretRedactor Redactor = new([new KnownSecret("ANTHROPIC_API_KEY", Key), new KnownSecret("DB_PASSWORD", "p4ssw0rd-91d2")]);

    private static IEnumerable<TestCaseData> Forms()
    {
        yield return new TestCaseData(Key).SetName("plain");
        yield return new TestCaseData(JsonSerializer.Serialize(Key)[1..^1]).SetName("JSON-escaped (System.Text.Json default)");
        yield return new TestCaseData(Key.Replace("\"", "\\\"", StringComparison.Ordinal)).SetName("JSON-escaped (minimal)");
        yield return new TestCaseData(Key.Replace("\"", "\\\"", StringComparison.Ordinal).Replace("/", "\\/", StringComparison.Ordinal)).SetName("JSON-escaped with \\/");
        yield return new TestCaseData(Uri.EscapeDataString(Key)).SetName("URL-encoded");
        yield return new TestCaseData(WebUtility.UrlEncode(Key)).SetName("form-encoded (+ for space)");
    }

    [TestCaseSource(nameof(Forms))]
    public void Each_form_is_replaced_inside_surrounding_text(string form)
    {
        Redactor.Redact($"before {form} after").Should().Be($"before {Marker} after");
    }

    [Test]
    public void Lower_case_percent_escapes_are_found_too()
    {
        var encoded = Uri.EscapeDataString(Key);
        var lower = System.Text.RegularExpressions.Regex.Replace(encoded, "%[0-9A-F]{2}", m => m.Value.ToLowerInvariant());

        Redactor.Redact($"?key={lower}&x=1").Should().Be($"?key={Marker}&x=1");
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    [TestCase(5)]
    public void Base64_of_any_data_holding_the_key_at_any_offset_loses_the_key(int offset)
    {
        var data = Encoding.UTF8.GetBytes(new string('x', offset) + "KEY=" + Key + "\nOTHER=1\n");
        foreach (var encoded in new[] { Convert.ToBase64String(data), Convert.ToBase64String(data).Replace('+', '-').Replace('/', '_') })
        {
            var redacted = Redactor.Redact(encoded);

            redacted.Should().Contain(Marker);
            DecodedContains(redacted.Replace(Marker, "", StringComparison.Ordinal), Key).Should().BeFalse();
        }
    }

    [Test]
    public void Inline_base64_data_is_filled_so_it_still_decodes_to_the_same_length()
    {
        var data = Encoding.UTF8.GetBytes("%PDF-1.4 stream " + Key + " endstream");
        var encoded = Convert.ToBase64String(data);

        var filled = Redactor.RedactBase64Data(encoded);

        filled.Should().NotBe(encoded).And.HaveLength(encoded.Length);
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(filled));
        decoded.Should().StartWith("%PDF-1.4 stream ").And.NotContain(Key).And.NotContain(Key[4..^4]);
    }

    [Test]
    public void Short_values_are_not_secrets_and_clean_text_is_returned_as_it_is()
    {
        var redactor = new SecretRedactor([new KnownSecret("SHORT", "abc1234"), new KnownSecret("EMPTY", "")]);
        const string text = "abc1234 is fine";

        redactor.IsEmpty.Should().BeTrue();
        redactor.Redact(text).Should().BeSameAs(text);
        Redactor.Redact(text).Should().BeSameAs(text);
        SecretRedactor.None.Redact(text).Should().BeSameAs(text);
    }

    [Test]
    public void Utf8_bytes_are_redacted_and_clean_bytes_come_back_untouched()
    {
        var clean = Encoding.UTF8.GetBytes("""{"text":"nothing here"}""");
        Redactor.RedactUtf8(clean).ToArray().Should().Equal(clean);

        var json = JsonSerializer.SerializeToUtf8Bytes(new { text = $"the key is {Key} and the password p4ssw0rd-91d2" });
        Encoding.UTF8.GetString(Redactor.RedactUtf8(json).Span).Should().Be($$"""{"text":"the key is {{Marker}} and the password [REDACTED:DB_PASSWORD]"}""");
    }

    [Test]
    public void A_secret_split_across_streamed_pieces_is_never_shown_at_any_cut()
    {
        var text = $"Here: {Key} and again {Key}.";
        for (int first = 0; first <= text.Length; first++)
        {
            for (int second = first; second <= text.Length; second += 7)
            {
                var stream = Redactor.StartStream();
                var shown = stream.Push(text[..first]) + stream.Push(text[first..second]) + stream.Push(text[second..]) + stream.Flush();

                shown.Should().Be($"Here: {Marker} and again {Marker}.", $"cut at {first} and {second}");
            }
        }
    }

    [Test]
    public void Tool_arguments_and_nested_tool_results_are_redacted()
    {
        var part = new ToolResultPart
        {
            Id = "p",
            ToolCallId = "c",
            ToolName = "exec",
            Contents = [new TextPart { Id = "t", Text = "env: " + Key }],
        };

        var redacted = (ToolResultPart)Redactor.Redact(part);
        ((TextPart)redacted.Contents[0]).Text.Should().Be("env: " + Marker);

        var args = JsonDocument.Parse(JsonSerializer.Serialize(new { command = "curl", url = "https://x/?k=" + Uri.EscapeDataString(Key) })).RootElement;
        Redactor.Redact(args).GetProperty("url").GetString().Should().Be("https://x/?k=" + Marker);
    }

    [Test]
    public void A_signed_thinking_block_that_held_a_secret_loses_its_signature_and_a_clean_one_keeps_it()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant,
        [
            new TextReasoningContent("I found the key " + Key) { ProtectedData = "sig-1" },
            new TextReasoningContent("nothing secret here") { ProtectedData = "sig-2" },
            new TextContent("answer with " + Key),
            new FunctionCallContent("call_1", "exec", new Dictionary<string, object?> { ["args"] = JsonSerializer.SerializeToElement(new[] { Key }) }),
        ]));

        Redactor.Redact(response);

        var contents = response.Messages[0].Contents;
        contents[0].Should().BeOfType<TextReasoningContent>().Which.Should().Match<TextReasoningContent>(r => r.Text == "I found the key " + Marker && r.ProtectedData == null);
        contents[1].Should().BeOfType<TextReasoningContent>().Which.ProtectedData.Should().Be("sig-2");
        contents[2].Should().BeOfType<TextContent>().Which.Text.Should().Be("answer with " + Marker);
        var call = contents[3].Should().BeOfType<FunctionCallContent>().Subject;
        call.CallId.Should().Be("call_1");
        call.Arguments!["args"].Should().BeOfType<JsonElement>().Which.GetRawText().Should().Be($"[\"{Marker}\"]");
    }

    [Test]
    public void A_stored_thinking_part_that_held_a_secret_loses_its_signature_or_data_and_the_checkpoint_is_redacted_throughout()
    {
        var checkpoint = Perstack.TestKit.Files.TestData.Checkpoint(Perstack.Core.Domain.JobId.New(), 3) with
        {
            Messages =
            [
                new ExpertMessage
                {
                    Id = "m1",
                    Contents =
                    [
                        new ThinkingPart { Id = "t1", Thinking = "the key is " + Key, Signature = "sig-1" },
                        new ThinkingPart { Id = "t2", Thinking = "nothing secret", Signature = "sig-2" },
                        new ThinkingPart { Id = "t3", Thinking = "", RedactedData = "enc:" + Key },
                        new ThinkingPart { Id = "t4", Thinking = "", RedactedData = "enc:clean" },
                    ],
                },
            ],
            Error = new Perstack.Core.Domain.CheckpointError { Name = "E", Message = "failed with " + Key, IsRetryable = false },
        };

        var redacted = Redactor.Redact(checkpoint);

        var parts = redacted.Messages[0].Contents.Cast<ThinkingPart>().ToList();
        parts[0].Should().Match<ThinkingPart>(t => t.Thinking == "the key is " + Marker && t.Signature == null, "a changed text no longer matches its signature");
        parts[1].Signature.Should().Be("sig-2", "a clean block keeps its signature");
        parts[2].Should().Match<ThinkingPart>(t => t.RedactedData == null && t.Signature == null, "changed data would not decrypt");
        parts[3].RedactedData.Should().Be("enc:clean");
        redacted.Error!.Message.Should().Be("failed with " + Marker);
        Redactor.Redact(parts[1]).Should().BeSameAs(parts[1]);
        new SecretRedactor([]).Redact(checkpoint).Should().BeSameAs(checkpoint);
    }

    private static bool DecodedContains(string base64, string value)
    {
        var cleaned = base64.Replace('-', '+').Replace('_', '/');
        for (int skip = 0; skip < 4; skip++)
        {
            var piece = cleaned[skip..];
            piece = piece[..(piece.Length / 4 * 4)];
            try
            {
                if (Encoding.Latin1.GetString(Convert.FromBase64String(piece)).Contains(value[4..^4], StringComparison.Ordinal))
                {
                    return true;
                }
            }
            catch (FormatException)
            {
            }
        }

        return false;
    }
}

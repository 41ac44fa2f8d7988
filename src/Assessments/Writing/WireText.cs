using System;
using System.Buffers;
using System.Text.Json;
using Assessments.Reading;

namespace Assessments.Writing;

/// <summary>The wire format's writer options and per-thread writer and buffer, for writing a value as one line of text.</summary>
internal static class WireText
{
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    [ThreadStatic]
    private static System.Buffers.ArrayBufferWriter<byte>? t_buffer;

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JsonContexts.Wire.Options.Encoder, SkipValidation = false };

    public static Utf8JsonWriter Rent(IBufferWriter<byte> output)
    {
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(output, WriterOptions);
        writer.Reset(output);
        return writer;
    }

    public static string Write<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        System.Buffers.ArrayBufferWriter<byte> buffer = t_buffer ??= new System.Buffers.ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        Utf8JsonWriter writer = Rent(buffer);
        write(writer, value);
        writer.Flush();
        string text = System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
        if (buffer.Capacity > 1 << 16)
            t_buffer = null;
        return text;
    }

    /// <summary>A result as one line of the wire format.</summary>
    public static string Result(ScoringResult result) => Write(result, static (w, r) => ResultWriter.Write(w, r));

    /// <summary>The errors and flags of a document that could not be read, as one line.</summary>
    public static string Invalid(ResponseReadResult read) => Write(read, static (w, r) => ResultWriter.WriteInvalid(w, r.Id, r.InstrumentId, r.Errors, r.Flags));
}

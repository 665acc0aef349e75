using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pyannote.Sdk.Http;

namespace Pyannote.Sdk.DependencyInjection;

/// <summary>
/// Reads the SDK's configuration keys by hand (no reflection, so it stays trimming- and AOT-safe), recording every
/// value it cannot read with the full configuration path, for start-up validation to report.
/// </summary>
internal static class SpeechConfiguration
{
    /// <summary>The conventional root section, used in messages when the settings did not come from configuration.</summary>
    public const string DefaultRoot = "Speech";

    /// <summary>The vendor's configuration section name under the root.</summary>
    public static string SectionName(SpeechVendor vendor) => VendorDescriptor.For(vendor).ConfigurationSection;

    /// <summary>Reads a vendor from a service key: a <see cref="SpeechVendor"/>, or its key, section name or enum name in
    /// any casing.</summary>
    public static bool TryParseVendor(object? key, out SpeechVendor vendor)
    {
        if (key is SpeechVendor v)
        {
            vendor = v;
            return true;
        }

        if (key is string text)
        {
            foreach (var candidate in Enum.GetValues<SpeechVendor>())
            {
                if (string.Equals(text, candidate.Key(), StringComparison.OrdinalIgnoreCase)
                    || string.Equals(text, SectionName(candidate), StringComparison.OrdinalIgnoreCase)
                    || string.Equals(text, candidate.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    vendor = candidate;
                    return true;
                }
            }
        }

        vendor = default;
        return false;
    }

    /// <summary>The settings allowed directly under the root section besides the vendor sections.</summary>
    public static readonly IReadOnlyList<string> RootSettings = ["DefaultVendor"];

    /// <summary>The environment variable the API key falls back to.</summary>
    public static string ApiKeyVariable(SpeechVendor vendor) => VendorDescriptor.For(vendor).ApiKeyVariable;

    /// <summary>The configuration path prefix of a vendor's keys, ending with a colon (for example <c>Speech:Pyannote:</c>).</summary>
    public static string Prefix(IConfiguration? root, SpeechVendor vendor)
    {
        var rootPath = root is IConfigurationSection s ? s.Path : root is null ? DefaultRoot : string.Empty;
        return (rootPath.Length == 0 ? string.Empty : rootPath + ":") + SectionName(vendor) + ":";
    }

    /// <summary>Binds the shared client settings from a vendor section.</summary>
    public static void BindClientOptions(IConfiguration section, string prefix, SpeechClientOptions options)
    {
        var errors = new List<string>();
        if (Read(section, "Endpoint") is { } endpoint)
        {
            if (Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.IsAbsoluteHttp())
            {
                options.Endpoint = uri;
            }
            else
            {
                errors.Add($"{prefix}Endpoint must be an absolute http or https URL such as 'https://api.example.com/' (got '{Redaction.Url(endpoint)}').");
            }
        }

        if (Time(section, prefix, "NetworkTimeout", errors) is { } network)
        {
            options.NetworkTimeout = network;
        }

        if (Time(section, prefix, "UploadTimeout", errors) is { } upload)
        {
            options.UploadTimeout = upload;
        }

        var retry = options.Retry ??= new SpeechRetryOptions();
        retry.MaxRetries = Int(section, prefix, "Retry:MaxRetries", errors) ?? retry.MaxRetries;

        retry.BaseDelay = Time(section, prefix, "Retry:BaseDelay", errors) ?? retry.BaseDelay;
        retry.MaxDelay = Time(section, prefix, "Retry:MaxDelay", errors) ?? retry.MaxDelay;
        retry.MaxRetryAfter = Time(section, prefix, "Retry:MaxRetryAfter", errors) ?? retry.MaxRetryAfter;
        if (Read(section, "Retry:RetryBilledOn503WithoutRetryAfter") is { } bare503)
        {
            if (bool.TryParse(bare503, out var b))
            {
                retry.RetryBilledOn503WithoutRetryAfter = b;
            }
            else
            {
                errors.Add($"{prefix}Retry:RetryBilledOn503WithoutRetryAfter must be true or false (got '{bare503}').");
            }
        }

        if (Read(section, "MaxResponseBodySize") is { } maxBody)
        {
            if (long.TryParse(maxBody, NumberStyles.Integer, CultureInfo.InvariantCulture, out var m))
            {
                options.MaxResponseBodySize = m;
            }
            else
            {
                errors.Add($"{prefix}MaxResponseBodySize must be a whole number of bytes (got '{maxBody}').");
            }
        }

        var wait = options.JobWait ??= new Jobs.JobWaitOptions();
        wait.InitialDelay = Time(section, prefix, "JobWait:InitialDelay", errors) ?? wait.InitialDelay;
        wait.MaxPollInterval = Time(section, prefix, "JobWait:MaxPollInterval", errors) ?? wait.MaxPollInterval;
        wait.MaxWait = Time(section, prefix, "JobWait:MaxWait", errors) ?? wait.MaxWait;
        wait.MaxConsecutivePollFailures = Int(section, prefix, "JobWait:MaxConsecutivePollFailures", errors) ?? wait.MaxConsecutivePollFailures;
        if (Read(section, "JobWait:BackoffFactor") is { } factor)
        {
            if (double.TryParse(factor, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
            {
                wait.BackoffFactor = f;
            }
            else
            {
                errors.Add($"{prefix}JobWait:BackoffFactor must be a number (got '{factor}').");
            }
        }

        if (errors.Count > 0)
        {
            (options.ConfigurationErrors ??= new List<string>()).AddRange(errors);
        }
    }

    /// <summary>Binds the API key and webhook secret from a vendor section.</summary>
    public static void BindCredentials(IConfiguration section, SpeechVendorCredentials credentials)
    {
        credentials.ApiKey = Read(section, "ApiKey") ?? credentials.ApiKey;
        credentials.WebhookSecret = Read(section, "WebhookSecret") ?? credentials.WebhookSecret;
    }

    /// <summary>Reads <c>DefaultVendor</c> (a vendor key such as <c>together</c>, or the enum name).</summary>
    public static void BindClientsOptions(IConfiguration root, SpeechClientsOptions options)
    {
        // A section under the SDK's own section that is neither a vendor nor a known setting is a typo
        // (Speech:Pyanote), which would otherwise be ignored until a keyed lookup fails. Only checked when the SDK was
        // given its own section, not the whole configuration root.
        if (root is IConfigurationSection { Path.Length: > 0 } own)
        {
            var known = Enum.GetValues<SpeechVendor>().Select(SectionName).Concat(RootSettings).ToList();
            foreach (var child in own.GetChildren())
            {
                if (!known.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    (options.ConfigurationErrors ??= new List<string>()).Add($"{own.Path}:{child.Key} is not a known section or setting; known: {string.Join(", ", known)}. Check the spelling.");
                }
            }
        }

        if (Read(root, "DefaultVendor") is not { } value)
        {
            return;
        }

        if (VendorDescriptor.Find(value) is { } found)
        {
            options.DefaultVendor = found.Vendor;
            return;
        }

        var path = root is IConfigurationSection s && s.Path.Length > 0 ? s.Path + ":DefaultVendor" : "DefaultVendor";
        (options.ConfigurationErrors ??= new List<string>()).Add($"{path} must be one of {string.Join(", ", VendorDescriptor.All.Select(v => v.Key))} (got '{value}').");
    }

    private static string? Read(IConfiguration section, string key) => section[key] is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>A time span as <c>hh:mm:ss</c> (or <c>d.hh:mm:ss</c>), a number of seconds, or <c>Infinite</c>.</summary>
    private static int? Int(IConfiguration section, string prefix, string key, List<string> errors)
    {
        if (Read(section, key) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        errors.Add($"{prefix}{key} must be a whole number (got '{text}').");
        return null;
    }

    private static TimeSpan? Time(IConfiguration section, string prefix, string key, List<string> errors)
    {
        if (Read(section, key) is not { } text)
        {
            return null;
        }

        if (string.Equals(text, "Infinite", StringComparison.OrdinalIgnoreCase))
        {
            return Timeout.InfiniteTimeSpan;
        }

        if (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span))
        {
            return span;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds) && !double.IsInfinity(seconds) && Math.Abs(seconds) < TimeSpan.MaxValue.TotalSeconds)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        errors.Add($"{prefix}{key} must be a time span such as '00:01:40', a number of seconds, or 'Infinite' (got '{text}').");
        return null;
    }
}

/// <summary>Start-up validation of a vendor's client settings; every message names the configuration path.</summary>
internal sealed class SpeechClientOptionsValidator<TOptions>(string prefix) : IValidateOptions<TOptions>
    where TOptions : SpeechClientOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        if (name is not null && name != Options.DefaultName)
        {
            return ValidateOptionsResult.Skip;
        }

        var errors = options.GetValidationErrors(prefix).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>Start-up validation of a vendor's API key; the message names the configuration path and the environment variable.</summary>
internal sealed class SpeechCredentialsValidator(SpeechVendor vendor, string prefix) : IValidateOptions<SpeechVendorCredentials>
{
    public ValidateOptionsResult Validate(string? name, SpeechVendorCredentials options)
    {
        if (name != vendor.Key())
        {
            return ValidateOptionsResult.Skip;
        }

        return string.IsNullOrWhiteSpace(options.ApiKey)
            ? ValidateOptionsResult.Fail($"The {vendor.DisplayName()} API key is missing: set the configuration key '{prefix}ApiKey' or the environment variable {SpeechConfiguration.ApiKeyVariable(vendor)}.")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Start-up validation of <see cref="SpeechClientsOptions"/>: the default vendor must be registered.</summary>
internal sealed class SpeechClientsOptionsValidator(SpeechClientRegistry registry) : IValidateOptions<SpeechClientsOptions>
{
    public ValidateOptionsResult Validate(string? name, SpeechClientsOptions options)
    {
        var errors = new List<string>(options.ConfigurationErrors ?? []);
        if (options.DefaultVendor is { } vendor && !registry.Contains(vendor))
        {
            errors.Add($"The default speech vendor '{vendor.Key()}' is not registered; registered: {registry.Describe()}.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}

namespace Pyannote.Sdk.Live;

/// <summary>
/// A streaming band-limited resampler for mono float audio: windowed-sinc interpolation (Blackman window, 32 taps at the
/// lower of the two rates) with the cut-off at 95% of the lower Nyquist frequency, so downsampling does not alias.
/// State carries across calls, so audio can be fed in chunks of any size and the output is the same as for one call.
/// </summary>
/// <remarks>
/// NAudio.Core (3.3.0, MIT) restores here and ships a managed WDL resampler, but it would add a general-purpose audio
/// library, not annotated for trimming, to every consumer of this package for one function; this class is that
/// function, tested against sine sweeps in <c>ResamplerTests</c>.
/// </remarks>
internal sealed class Resampler
{
    private const int HalfTaps = 16;
    private readonly double _step; // input samples per output sample
    private readonly double _cutoff; // relative to the input Nyquist
    private readonly int _halfWidth; // input samples on each side of the centre
    private float[] _history = [];
    private double _position; // position of the next output sample, in input samples, relative to _history[0]

    public Resampler(int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputRate, 1);
        InputRate = inputRate;
        OutputRate = outputRate;
        _step = inputRate / (double)outputRate;
        _cutoff = Math.Min(1.0, outputRate / (double)inputRate) * 0.95;
        _halfWidth = (int)Math.Ceiling(HalfTaps / Math.Min(1.0, outputRate / (double)inputRate));
        _position = 0;
    }

    public int InputRate { get; }

    public int OutputRate { get; }

    public bool IsPassThrough => InputRate == OutputRate;

    /// <summary>Feeds input and returns every output sample that can be computed so far.</summary>
    public float[] Process(ReadOnlySpan<float> input) => Run(input, flush: false);

    /// <summary>Returns the output still owed for the input fed so far (the tail is treated as followed by silence).</summary>
    public float[] Flush() => Run(ReadOnlySpan<float>.Empty, flush: true);

    private float[] Run(ReadOnlySpan<float> input, bool flush)
    {
        if (IsPassThrough)
        {
            return input.ToArray();
        }

        var buffer = new float[_history.Length + input.Length + (flush ? _halfWidth + 1 : 0)];
        _history.CopyTo(buffer, 0);
        input.CopyTo(buffer.AsSpan(_history.Length));
        var available = _history.Length + input.Length; // real samples; the flush tail is zeros
        var limit = flush ? available : available - _halfWidth - 1;
        var output = new List<float>(Math.Max(0, (int)((limit - _position) / _step) + 1));
        while (_position < limit)
        {
            output.Add(Interpolate(buffer, _position));
            _position += _step;
        }

        // Keep the samples the next output still needs on its left.
        var keepFrom = Math.Max(0, (int)Math.Floor(_position) - _halfWidth);
        keepFrom = Math.Min(keepFrom, available);
        _history = buffer.AsSpan(keepFrom, available - keepFrom).ToArray();
        _position -= keepFrom;
        if (flush)
        {
            _history = [];
            _position = 0;
        }

        return output.ToArray();
    }

    private float Interpolate(float[] buffer, double position)
    {
        var centre = (int)Math.Floor(position);
        var fraction = position - centre;
        double sum = 0;
        for (int k = -_halfWidth + 1; k <= _halfWidth; k++)
        {
            var index = centre + k;
            if ((uint)index >= (uint)buffer.Length)
            {
                continue;
            }

            var x = k - fraction; // distance from the output position, in input samples
            sum += buffer[index] * Kernel(x);
        }

        return (float)sum;
    }

    private double Kernel(double x)
    {
        var t = x / _halfWidth;
        if (Math.Abs(t) >= 1)
        {
            return 0;
        }

        var window = 0.42 + 0.5 * Math.Cos(Math.PI * t) + 0.08 * Math.Cos(2 * Math.PI * t);
        var arg = Math.PI * _cutoff * x;
        var sinc = Math.Abs(arg) < 1e-9 ? 1.0 : Math.Sin(arg) / arg;
        return _cutoff * sinc * window;
    }
}

namespace Pyannote.Sdk.Live;

/// <summary>An update of live speaker-attributed captions (<see cref="LiveTranscriber"/>).</summary>
public abstract record LiveCaptionEvent : LiveEvent;

// WebViewer: upload audio (or pick the sample), choose a vendor, watch the job, then see the speaker timeline and the
// transcript, and download it as SRT, WebVTT, RTTM, JSON or a self-contained HTML page.
//
//   dotnet run --project samples/WebViewer        then open http://127.0.0.1:5088
//
// With no API key in the environment it runs against the in-process emulator (see Shared/SampleClients.cs), like every
// sample. --urls changes the address (loopback only by default).
using WebViewer;

var app = WebViewerApp.Build(args);
await app.RunAsync();

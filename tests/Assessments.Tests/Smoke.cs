namespace Assessments.Tests;

//! Walking trees and opening inputs; knows nothing about patterns.
